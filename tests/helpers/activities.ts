import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:council-bot', name: 'council-bot' };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export type User = { id: string; name: string; aadObjectId: string };

export function user(name: string, aadObjectId: string = randomUUID()): User {
  return { id: `29:${name.toLowerCase().replace(/\W+/g, '-')}`, name, aadObjectId };
}

type Where =
  | { scope: 'personal'; conversationId?: string }
  | { scope: 'groupChat'; conversationId: string }
  | { scope: 'channel'; conversationId: string; teamId: string };

export type ActivityOptions = {
  serviceUrl: string;
  from: User;
  where?: Where;
  locale?: string;
  tenantId?: string;
};

function base(o: ActivityOptions) {
  const where = o.where ?? { scope: 'personal' };
  const conversationId = where.conversationId ?? `a:personal-${o.from.id}`;
  const tenantId = o.tenantId ?? TENANT;
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    from: o.from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: where.scope, tenantId },
    channelData: {
      tenant: { id: tenantId },
      ...(where.scope === 'channel' ? { team: { id: where.teamId }, channel: { id: where.conversationId } } : {}),
    },
    ...(o.locale ? { locale: o.locale } : {}),
  };
}

/** A message as Teams sends it; in a team or group chat `mention: true` adds the bot's @mention. */
export function message(text: string, o: ActivityOptions & { mention?: boolean }) {
  const mention = o.mention ?? false;
  return {
    ...base(o),
    type: 'message',
    text: mention ? `<at>${BOT.name}</at> ${text}` : text,
    textFormat: 'plain',
    entities: mention ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : [],
  };
}

/** What Teams sends when the app is installed in a personal chat, a group chat or a team. */
export function botInstalled(o: ActivityOptions) {
  return { ...base(o), type: 'conversationUpdate', membersAdded: [BOT] };
}

/** A press on an Action.Execute button: an `adaptiveCard/action` invoke carrying the verb and data. */
export function cardAction(verb: string, data: Record<string, unknown>, o: ActivityOptions & { replyToId?: string }) {
  return {
    ...base(o),
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}
