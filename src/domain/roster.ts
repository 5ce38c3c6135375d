import type { Council, Role, RosterEntry } from '../councils/schema.ts';

/** What Teams tells us about a user; any of the fields may be missing. */
export type Identity = {
  aadObjectId?: string | undefined;
  email?: string | undefined;
  userPrincipalName?: string | undefined;
};

const same = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The roster entries that are this person: matched by Entra object id, e-mail or UPN. */
export function rosterEntriesFor(council: Council, who: Identity): RosterEntry[] {
  return council.roster.filter((entry) => {
    if (same(entry.aadObjectId, who.aadObjectId)) return true;
    // Many tenants use the e-mail address as UPN, so the two are compared crosswise.
    const theirs = [who.email, who.userPrincipalName];
    return [entry.email, entry.upn].some((mine) => theirs.some((t) => same(mine, t)));
  });
}

export function hasRole(council: Council, who: Identity, roles: readonly Role[]): boolean {
  return rosterEntriesFor(council, who).some((e) => roles.includes(e.role));
}

export const STAFF_ROLES: readonly Role[] = ['secretary'];
