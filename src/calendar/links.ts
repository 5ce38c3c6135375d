import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The path of a council's feed and of a meeting's invite; the signature covers exactly this. */
export const feedPath = (councilId: string) => `/calendar/${encodeURIComponent(councilId)}.ics`;
export const invitePath = (meetingId: string) => `/calendar/meetings/${encodeURIComponent(meetingId)}.ics`;

export const SIGNING_KEY_SECRET = 'calendar-signing-key';
export const newSigningKey = () => randomBytes(32).toString('base64url');

/**
 * Signed calendar links. Invites list members' e-mail addresses, so a link works only with the
 * signature the bot handed out, and nobody can guess the link of another meeting or council.
 */
export class CalendarLinks {
  constructor(
    private readonly key: string,
    /** PUBLIC_BASE_URL; without it the bot has no links to hand out, but still checks them. */
    private readonly baseUrl: string | undefined,
  ) {}

  private sign(path: string): string {
    return createHmac('sha256', this.key).update(path).digest('base64url').slice(0, 32);
  }

  verify(path: string, signature: string | null | undefined): boolean {
    if (!signature) return false;
    const expected = Buffer.from(this.sign(path));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The signed path with its query, relative to the bot's base URL. */
  signedPath(path: string): string {
    return `${path}?sig=${this.sign(path)}`;
  }

  private absolute(path: string): string | undefined {
    return this.baseUrl ? `${this.baseUrl}${this.signedPath(path)}` : undefined;
  }

  invite(meetingId: string): string | undefined {
    return this.absolute(invitePath(meetingId));
  }

  feed(councilId: string): string | undefined {
    return this.absolute(feedPath(councilId));
  }

  /** The feed as a webcal:// link, which calendar apps open as a subscription. */
  subscription(councilId: string): string | undefined {
    return this.feed(councilId)?.replace(/^https?:\/\//, 'webcal://');
  }
}
