import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCard } from '../cards/render.ts';
import { councilLanguage, councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { hasRole, rosterEntriesFor, STAFF_ROLES } from '../domain/roster.ts';
import type { Language } from '../i18n/language.ts';
import { catalogues, t, type MessageKey } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { ErasureCounts, PersonalDataExport } from '../store/personal-data.ts';
import type { Store } from '../store/store.ts';
import { actorId, identify } from './identity.ts';
import type { Reply } from './meeting-handlers.ts';

export type PersonalDataTurn = { ctx: TurnContext; council: Council; language: Language };

export const PERSONAL_DATA_VERBS = ['personal.erase'] as const;
export const personalDataActionSchema = z.looseObject({ verb: z.enum(PERSONAL_DATA_VERBS), name: z.string().min(1).max(200) });
export type PersonalDataAction = z.infer<typeof personalDataActionSchema>;

// Teams refuses bot messages of more than about 28,000 characters of text.
const PART_CHARS = 20_000;
// A name nobody has: when the asker is not on the roster, only their ids match.
const NO_NAME = '\u0000';

/** A kind of record by its name in the asker's language; a kind the catalogue lacks keeps its key. */
const categoryLabel = (language: Language, key: string) => {
  const messageKey = `data.category.${key}`;
  return messageKey in catalogues[language] ? t(language, messageKey as MessageKey) : key;
};

const countsText = (language: Language, counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${categoryLabel(language, k)}: ${n}`)
    .join(', ') || '0';

/** "Export my data" for anyone (GDPR art. 15); erasing a former member's data for the secretary (art. 17). */
export class PersonalDataHandlers {
  constructor(private readonly deps: { store: Store; log: Logger; onErased?: () => void }) {}

  /** Everything stored about the asker: a summary, then the records as JSON in one or more messages. */
  async exportMine(turn: PersonalDataTurn): Promise<string[]> {
    const { council, language } = turn;
    const who = await identify(turn.ctx, this.deps.log);
    const from = turn.ctx.activity.from;
    const name = rosterEntriesFor(council, who)[0]?.name ?? NO_NAME;
    const subject = await this.deps.store.personalData.subject(council.id, name, {
      ids: [from.id, from.aadObjectId, who.aadObjectId].filter((v): v is string => Boolean(v)),
      addresses: [who.email, who.userPrincipalName].filter((v): v is string => Boolean(v)),
    });
    const data: PersonalDataExport = await this.deps.store.personalData.collect(subject);
    const counts = Object.fromEntries(Object.entries(data).map(([k, rows]) => [k, rows.length]));
    const json = JSON.stringify({ council: council.id, name: name === NO_NAME ? undefined : name, ids: subject.ids, ...data }, null, 2);
    const parts: string[] = [];
    for (let i = 0; i < json.length; i += PART_CHARS) parts.push(json.slice(i, i + PART_CHARS));
    const intro = t(language, 'data.export.intro', { council: councilName(council, language), counts: countsText(language, counts), secretary: secretaryContact(council, language) });
    return [
      intro,
      ...parts.map((p, i) => `${parts.length > 1 ? `${t(language, 'data.export.part', { part: i + 1, parts: parts.length })}\n` : ''}\`\`\`\n${p}\n\`\`\``),
    ];
  }

  /** The confirmation card for erasing `typed`'s data; nothing is changed until it is pressed. */
  async eraseRequest(turn: PersonalDataTurn, typed: string | undefined): Promise<Reply> {
    const { council, language } = turn;
    const refused = await this.refuse(turn);
    if (refused) return refused;
    const name = await this.resolve(council, typed ?? '');
    if (!name) return { text: t(language, 'data.erase.unknown', { name: typed ?? '', council: councilName(council, language) }) };
    const subject = await this.subjectOf(council, name);
    const data = await this.deps.store.personalData.collect(subject);
    return {
      card: renderCard(
        'erase-confirm',
        {
          title: t(language, 'data.erase.title', { name }),
          body: t(language, 'data.erase.body', { name, pseudonym: t(language, 'data.pseudonym', { code: '…' }) }),
          counts: Object.entries(data).filter(([, rows]) => rows.length > 0).map(([key, rows]) => ({ label: categoryLabel(language, key), value: String(rows.length) })),
          confirmLabel: t(language, 'data.erase.confirm'),
          name,
        },
        language,
      ),
    };
  }

  /** The press on "Erase": checked again on the server (never trusting the card), done, and audited without the name. */
  async erase(turn: PersonalDataTurn, action: PersonalDataAction): Promise<Reply> {
    const { council, language } = turn;
    const refused = await this.refuse(turn);
    if (refused) return refused;
    const name = await this.resolve(council, action.name);
    if (!name) return { text: t(language, 'data.erase.unknown', { name: action.name, council: councilName(council, language) }) };
    const code = randomBytes(4).toString('hex');
    const pseudonym = { name: t(councilLanguage(council), 'data.pseudonym', { code }), id: `pseudonym:${code}` };
    const counts: ErasureCounts = await this.deps.store.personalData.erase(await this.subjectOf(council, name), pseudonym);
    this.deps.onErased?.();
    await this.deps.store.appendAudit({ actor: actorId(turn.ctx), action: 'personal-data.erased', councilId: council.id, subject: pseudonym.id, details: { counts } });
    this.deps.log.info({ council: council.id, pseudonym: pseudonym.id, counts }, 'personal data erased');
    return { text: t(language, 'data.erase.done', { name, pseudonym: pseudonym.name, counts: countsText(language, counts) }) };
  }

  private async refuse(turn: PersonalDataTurn): Promise<Reply | undefined> {
    if (hasRole(turn.council, await identify(turn.ctx, this.deps.log), STAFF_ROLES)) return undefined;
    await this.deps.store
      .appendAudit({ actor: actorId(turn.ctx), action: 'personal-data.erase-refused', councilId: turn.council.id, subject: undefined, details: {} })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit entry not written'));
    return { text: t(turn.language, 'data.erase.notAllowed', { council: councilName(turn.council, turn.language) }) };
  }

  /** The name as the roster or, for someone already off the roster, the records spell it. */
  private async resolve(council: Council, typed: string): Promise<string | undefined> {
    const wanted = typed.trim().toLowerCase();
    if (!wanted) return undefined;
    return council.roster.find((r) => r.name.toLowerCase() === wanted)?.name ?? (await this.deps.store.personalData.knownName(council.id, typed.trim()));
  }

  private subjectOf(council: Council, name: string) {
    const entry = council.roster.find((r) => r.name === name);
    return this.deps.store.personalData.subject(council.id, name, {
      ids: [entry?.aadObjectId].filter((v): v is string => Boolean(v)),
      addresses: [entry?.email, entry?.upn].filter((v): v is string => Boolean(v)),
    });
  }
}
