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

describe('meeting questions', () => {
  it('recognises "when is the next meeting?" in many phrasings, with the language they are written in', () => {
    const cases: [string, string | undefined][] = [
      ['När är nästa möte?', 'sv'],
      ['när ses vi igen', 'sv'],
      ['när träffas vi nästa gång?', 'sv'],
      ['Hur långt före nästa möte ska kallelsen skickas?', 'sv'],
      ['Når er næste møde?', 'da'],
      ['hvornår mødes vi igen', 'da'],
      ['hvornår ses vi', 'da'],
      ['When is the next meeting?', 'en'],
      ['when do we meet again', 'en'],
    ];
    for (const [text, language] of cases) expect(parseCommand(text), text).toMatchObject({ id: 'next-meeting', language });
  });

  it('recognises the year\u2019s meetings, deadlines and the staff commands', () => {
    expect(parseCommand('möten i år')?.id).toBe('meetings');
    expect(parseCommand('Vilka möten har vi i år?')?.id).toBe('meetings');
    expect(parseCommand('mødeplan')?.id).toBe('meetings');
    expect(parseCommand('tidsfrister')?.id).toBe('deadlines');
    expect(parseCommand('hvad er fristerne')?.id).toBe('deadlines');
    expect(parseCommand('planera möte')?.id).toBe('schedule');
    expect(parseCommand('nyt møde')?.id).toBe('schedule');
    expect(parseCommand('check the plan')?.id).toBe('check');
  });

  it('keeps the reason of an extra-meeting request as written', () => {
    expect(parseCommand('Extra möte om Bostadsrapporten')).toMatchObject({ id: 'extra-meeting', arg: 'Bostadsrapporten', language: 'sv' });
    expect(parseCommand('ekstra møde: Ny Integrationspolitik')).toMatchObject({ id: 'extra-meeting', arg: 'Ny Integrationspolitik' });
    expect(parseCommand('extra meeting')).toMatchObject({ id: 'extra-meeting', arg: undefined });
  });

  it('leaves questions about the rules on meetings to the rules Q&A', () => {
    for (const q of [
      'hur många möten ska rådet ha per år?',
      'kan man begära extra sammanträde?',
      'hvor mange møder holder rådet om året',
      'how many meetings a year?',
      'when must the notice be sent?',
      'hur lång tid före mötet ska kallelsen skickas',
    ]) {
      expect(parseCommand(q), q).toBeUndefined();
    }
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
