import type { TestBot } from './bot-server.ts';

export const HOSTILE_TITLE = '<img src=x onerror="window.injected=1"> Mötesplats för nyanlända';

/**
 * Gives the next Lund meeting an approved agenda with one approved item (with a title that would be
 * markup if anything spliced it into HTML), as the chair would through the cards. Returns the meeting id.
 */
export async function approvedAgenda(bot: TestBot, now: Date): Promise<string> {
  const [meeting] = await bot.store.meetings.list('lund', { from: now });
  if (!meeting) throw new Error('no coming Lund meeting');
  const p = await bot.store.proposals.create({
    title: HOSTILE_TITLE,
    summary: 'Föreningarna berättar om sin verksamhet för nyanlända.',
    presenter: 'Mira Melander',
    registryNumber: 'KS 2026/0815',
    links: [],
    estimatedMinutes: 20,
    kind: 'discussion',
    councilId: 'lund',
    meetingId: meeting.id,
    late: false,
    submitterId: 'aad-member',
    submitterName: 'Mira Melander',
    submitterUserId: undefined,
  });
  const approved = await bot.store.proposals.decide(p.id, p.version, { to: 'approved', actor: 'aad-chair', actorName: 'Yanira Difonis', reason: undefined, at: now });
  if (!approved.ok) throw new Error(`not approved: ${approved.reason}`);
  const state = await bot.store.proposals.agenda(meeting.id);
  const done = await bot.store.proposals.approveAgenda(meeting.id, state.version, 'aad-chair', 'Yanira Difonis', now);
  if (!done.ok) throw new Error(`agenda not approved: ${done.reason}`);
  return meeting.id;
}
