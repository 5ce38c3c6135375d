import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.ts';
import { loadCouncils, SHIPPED_COUNCILS_DIR } from '../../src/councils/load.ts';
import { hasRole, rosterEntriesFor } from '../../src/domain/roster.ts';

describe('commands in three languages', () => {
  it.each([
    ['help', 'help', 'en'],
    ['Hjälp!', 'help', 'sv'],
    ['hjælp', 'help', 'da'],
    ['  Vad kan du göra?  ', 'help', 'sv'],
    ['hvad kan du', 'help', 'da'],
    ['?', 'help', undefined],
    ['which council is this?', 'council', 'en'],
    ['råd', 'council', undefined],
    ['vilket råd', 'council', 'sv'],
  ] as const)('"%s" → %s (%s)', (text, id, language) => {
    expect(parseCommand(text)).toMatchObject({ id, language });
  });

  it('reads the council id after bind / koppla / tilknyt', () => {
    expect(parseCommand('bind hoje-taastrup')).toEqual({ id: 'bind', arg: 'hoje-taastrup', language: 'en' });
    expect(parseCommand('Koppla till lund')).toEqual({ id: 'bind', arg: 'lund', language: 'sv' });
    expect(parseCommand('tilknyt hoje-taastrup')).toEqual({ id: 'bind', arg: 'hoje-taastrup', language: 'da' });
    expect(parseCommand('bind')).toEqual({ id: 'bind', arg: undefined, language: 'en' });
  });

  it('does not take a sentence that merely contains a command word for the command', () => {
    expect(parseCommand('can you help me find the minutes')).toBeUndefined();
    expect(parseCommand('vilket råd utser juryn')).toBeUndefined();
  });
});

describe('roster matching', () => {
  const lund = loadCouncils([SHIPPED_COUNCILS_DIR]).get('lund')!;

  it('recognises the secretary by e-mail or UPN, whatever the case', () => {
    expect(hasRole(lund, { email: 'Ulrika.Dagard@lund.se' }, ['secretary'])).toBe(true);
    expect(hasRole(lund, { userPrincipalName: 'ulrika.dagard@lund.se' }, ['secretary'])).toBe(true);
    expect(hasRole(lund, { email: 'someone@lund.se' }, ['secretary'])).toBe(false);
  });

  it('matches nobody on missing identity fields', () => {
    expect(rosterEntriesFor(lund, {})).toEqual([]);
  });
});
