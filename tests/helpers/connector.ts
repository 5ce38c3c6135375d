import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedCall = {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity being replied to (POST .../activities/{id}) or updated (PUT). */
  activityId: string | undefined;
  activity: Record<string, unknown>;
  /** The id the stand-in gave the sent activity. */
  id: string;
};

export type Member = {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
};

export type Connector = {
  url: string;
  calls: RecordedCall[];
  /** Members per conversation id, for GET .../members/{id}; '*' serves every conversation. */
  members: Map<string, Member[]>;
  addMember(member: Member, conversationId?: string): void;
  /** Milliseconds to wait before answering a sent activity (a slow Teams). */
  delayMs: number;
  /** Sent activities received and not answered yet: the bot is waiting on Teams. */
  readonly answering: number;
  /** Makes the next `times` sends to a conversation fail with `status` (and headers such as Retry-After). */
  failNext(conversationId: string, status: number, headers?: Record<string, string>, times?: number): void;
  /** Sends refused by failNext, oldest first. */
  refused: { conversationId: string; status: number }[];
  /** Personal conversations the bot created (POST /v3/conversations), with the member it was for. */
  created: { id: string; memberId: string }[];
  /** The activities sent to one conversation, oldest first. */
  sentTo(conversationId: string): Record<string, unknown>[];
  clear(): void;
  close(): Promise<void>;
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * A local stand-in for the Bot Connector REST API: it records every activity the bot sends or
 * updates and answers member look-ups, as Teams would.
 */
export async function startConnector(): Promise<Connector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, Member[]>();
  let next = 1;
  let delayMs = 0;
  let answering = 0;
  const failures = new Map<string, { status: number; headers: Record<string, string>; times: number }>();
  const refused: { conversationId: string; status: number }[] = [];
  const created: { id: string; memberId: string }[] = [];

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      // /v3/conversations/{conversationId}/activities[/{activityId}]
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts[2]) {
        if (req.method !== 'POST' && req.method !== 'PUT') return send(405, { error: 'method' });
        const activity = await readJson(req);
        answering += 1;
        try {
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        } finally {
          answering -= 1;
        }
        const failure = failures.get(parts[2]);
        if (failure && failure.times > 0) {
          failure.times -= 1;
          refused.push({ conversationId: parts[2], status: failure.status });
          res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
          res.end(JSON.stringify({ error: { code: 'Throttled', message: `refused with ${failure.status}` } }));
          return;
        }
        const id = req.method === 'PUT' && parts[4] ? parts[4] : `sent-${next++}`;
        calls.push({ method: req.method, conversationId: parts[2], activityId: parts[4], activity, id });
        return send(200, { id });
      }
      // POST /v3/conversations: a new personal conversation with one member
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2 && req.method === 'POST') {
        const body = (await readJson(req)) as { members?: { id?: string }[] };
        const memberId = body.members?.[0]?.id ?? '';
        const id = `a:created-${memberId}`;
        created.push({ id, memberId });
        return send(200, { id, serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
      }
      // /v3/conversations/{conversationId}/members/{memberId}
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'members' && parts[2]) {
        const list = [...(members.get(parts[2]) ?? []), ...(members.get('*') ?? [])];
        if (parts[4]) {
          const member = list.find((m) => m.id === parts[4] || m.aadObjectId === parts[4]);
          return member ? send(200, member) : send(404, { error: { code: 'MemberNotFound' } });
        }
        return send(200, list);
      }
      // /v3/conversations/{conversationId}/pagedmembers
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'pagedmembers' && parts[2]) {
        return send(200, { members: [...(members.get(parts[2]) ?? []), ...(members.get('*') ?? [])] });
      }
      send(404, { error: `no route for ${req.method} ${url.pathname}` });
    } catch (err) {
      send(500, { error: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get delayMs() {
      return delayMs;
    },
    set delayMs(ms: number) {
      delayMs = ms;
    },
    get answering() {
      return answering;
    },
    calls,
    members,
    refused,
    created,
    failNext(conversationId: string, status: number, headers: Record<string, string> = {}, times = 1) {
      failures.set(conversationId, { status, headers, times });
    },
    addMember(member: Member, conversationId = '*') {
      members.set(conversationId, [...(members.get(conversationId) ?? []), member]);
    },
    sentTo: (conversationId: string) => calls.filter((c) => c.conversationId === conversationId).map((c) => c.activity),
    clear() {
      calls.length = 0;
      refused.length = 0;
      created.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
