import { TeamsInfo, TurnContext, type Activity, type BotAdapter, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { Council, RosterEntry } from '../councils/schema.ts';
import { rosterEntriesFor } from '../domain/roster.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';

export type ProactiveResult = { ok: true; activityId: string | undefined } | { ok: false; error: unknown };

/**
 * Sends (or, with `update`, replaces) one activity in a stored conversation. The adapter hands
 * errors raised inside its callback to onTurnError instead of throwing them, so they are caught in
 * the callback and returned.
 */
export async function sendProactive(
  adapter: BotAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  update = false,
): Promise<ProactiveResult> {
  let failure: unknown;
  let activityId: string | undefined;
  try {
    await adapter.continueConversationAsync(appId, reference, async (c) => {
      try {
        if (update) await c.updateActivity(activity);
        else activityId = (await c.sendActivity(activity))?.id;
      } catch (err) {
        failure = err ?? new Error('send failed');
      }
    });
  } catch (err) {
    failure = err ?? new Error('send failed');
  }
  return failure === undefined ? { ok: true, activityId } : { ok: false, error: failure };
}

export type Delivery =
  | { entry: RosterEntry; ok: true; conversationId: string; activityId: string | undefined; reference: Partial<ConversationReference> }
  | { entry: RosterEntry; ok: false; failure: 'no-chat' | 'send-failed' };

/**
 * Sends each roster person a message in their personal chat with the bot, found by Entra object
 * id, e-mail or UPN. Someone who never opened a chat with the bot cannot be reached (Teams needs a
 * conversation first); the result says who was and who was not.
 */
export async function sendToRoster(
  ctx: TurnContext,
  deps: { store: Store; log: Logger; appId: string },
  entries: readonly RosterEntry[],
  message: (entry: RosterEntry) => Partial<Activity>,
): Promise<Delivery[]> {
  const results: Delivery[] = [];
  for (const entry of entries) {
    const conversation = await deps.store.findPersonalConversation({ aadObjectId: entry.aadObjectId, email: entry.email, upn: entry.upn });
    if (!conversation) {
      results.push({ entry, ok: false, failure: 'no-chat' });
      continue;
    }
    const sent = await sendProactive(ctx.adapter, deps.appId, conversation.reference, message(entry));
    if (sent.ok) {
      results.push({ entry, ok: true, conversationId: conversation.conversationId, activityId: sent.activityId, reference: conversation.reference });
    } else {
      deps.log.warn({ err: sent.error, role: entry.role }, 'proactive message not delivered');
      results.push({ entry, ok: false, failure: 'send-failed' });
    }
  }
  return results;
}

/**
 * When the bot joins a team, opens a personal chat with each roster person in it who has none, so
 * reminders and notices can reach them. Returns how many chats were opened.
 */
export async function openRosterChats(
  ctx: TurnContext,
  deps: { store: Store; log: Logger; appId: string },
  roster: readonly RosterEntry[],
): Promise<number> {
  const activity = ctx.activity;
  const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation.tenantId;
  let opened = 0;
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(ctx, 500, token);
    token = page.continuationToken;
    for (const m of page.members) {
      const who = { aadObjectId: m.aadObjectId, email: m.email ?? undefined, userPrincipalName: m.userPrincipalName ?? undefined };
      if (rosterEntriesFor({ roster } as Council, who).length === 0) continue;
      if (await deps.store.findPersonalConversation({ aadObjectId: who.aadObjectId, email: who.email, upn: who.userPrincipalName })) continue;
      try {
        await (ctx.adapter as CloudAdapter).createConversationAsync(
          deps.appId,
          activity.channelId,
          activity.serviceUrl,
          '',
          { isGroup: false, bot: activity.recipient, members: [{ id: m.id, name: m.name }], tenantId, channelData: { tenant: { id: tenantId } } } as ConversationParameters,
          async (c) => {
            const conversationId = c.activity.conversation.id;
            await deps.store.saveConversation({
              conversationId,
              scope: 'personal',
              tenantId,
              teamId: undefined,
              userId: m.id,
              aadObjectId: m.aadObjectId,
              serviceUrl: c.activity.serviceUrl ?? activity.serviceUrl,
              reference: { ...TurnContext.getConversationReference(c.activity), user: { id: m.id, name: m.name } },
            });
            await deps.store.saveIdentity(conversationId, who);
          },
        );
        opened++;
      } catch (err) {
        deps.log.warn({ err }, 'could not open a personal chat');
      }
    }
  } while (token);
  return opened;
}
