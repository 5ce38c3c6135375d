import type { Role, RosterEntry } from '../councils/schema.ts';

/** The roles that make someone one of the council's members (ledamöter) for counting a majority. */
export const MEMBER_ROLES: readonly Role[] = ['chair', 'vice-chair', 'member', 'association-representative'];

export type ExtraMeetingRule = { officersMayRequire: boolean; memberShare: number };

export type ExtraMeetingDemand = {
  met: boolean;
  /** Why it is met: an officer asked, or enough members did. */
  by: 'officer' | 'members' | undefined;
  members: number;
  /** How many distinct members must ask ("more than half": strictly more than share × members). */
  needed: number;
  asked: number;
};

/** Whether the requests so far oblige the council to hold an extra meeting. */
export function extraMeetingDemand(rule: ExtraMeetingRule, roster: readonly RosterEntry[], requesters: readonly { key: string; role: string }[]): ExtraMeetingDemand {
  const members = roster.filter((e) => MEMBER_ROLES.includes(e.role)).length;
  const needed = Math.floor(members * rule.memberShare) + 1;
  const distinct = new Map(requesters.filter((r) => (MEMBER_ROLES as readonly string[]).includes(r.role)).map((r) => [r.key, r.role]));
  const asked = distinct.size;
  if (rule.officersMayRequire && [...distinct.values()].some((role) => role === 'chair' || role === 'vice-chair')) {
    return { met: true, by: 'officer', members, needed, asked };
  }
  const met = members > 0 && asked >= needed;
  return { met, by: met ? 'members' : undefined, members, needed, asked };
}
