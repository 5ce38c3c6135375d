import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Identity } from '../domain/roster.ts';
import type { Logger } from '../log.ts';

/**
 * Who is writing, as the roster knows people. Teams gives the Entra object id in the activity; the
 * e-mail and UPN come from the connector's member look-up, which may fail outside Teams.
 */
export async function identify(ctx: TurnContext, log: Logger): Promise<Identity> {
  const from = ctx.activity.from;
  try {
    const member = await TeamsInfo.getMember(ctx, from.id);
    return {
      aadObjectId: member.aadObjectId ?? from.aadObjectId,
      email: member.email ?? undefined,
      userPrincipalName: member.userPrincipalName ?? undefined,
    };
  } catch (err) {
    log.debug({ err }, 'member look-up failed');
    return { aadObjectId: from.aadObjectId };
  }
}

/** The id written to history and audit rows: the Entra object id when Teams sends it. */
export function actorId(ctx: TurnContext): string {
  return ctx.activity.from.aadObjectId ?? ctx.activity.from.id;
}
