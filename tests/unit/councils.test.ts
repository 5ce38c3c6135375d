import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCouncils, SHIPPED_COUNCILS_DIR } from '../../src/councils/load.ts';
import { problemsOf as problemsOfCall } from '../helpers/problems.ts';

const lundYaml = readFileSync(path.join(SHIPPED_COUNCILS_DIR, 'lund', 'council.yaml'), 'utf8');

/** A folder holding one council `id` whose file has `text`. */
function councilsDirWith(id: string, text: string, fileName = 'council.yaml'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'councils-'));
  mkdirSync(path.join(dir, id));
  writeFileSync(path.join(dir, id, fileName), text);
  return dir;
}

const problemsOf = (dirs: string[]) => problemsOfCall(() => loadCouncils(dirs));

describe('shipped councils', () => {
  const councils = loadCouncils([SHIPPED_COUNCILS_DIR]);

  it('Lund follows the rules of 2018-03-07: notice 14 days, 4 meetings a year with a budget meeting', () => {
    const lund = councils.get('lund')!;
    expect(lund.timeZone).toBe('Europe/Stockholm');
    expect(lund.languages[0]).toBe('sv');
    expect(lund.notice).toMatchObject({ daysBefore: 14, shiftToPreviousWorkingDay: true, holidayCountry: 'SE', rule: 'lund-kallelse' });
    expect(lund.extraMeeting).toEqual({ officersMayRequire: true, memberShare: 0.5, rule: 'lund-extra-sammantrade' });
    expect(lund.meetings.plan).toMatchObject({ rrule: 'FREQ=YEARLY;BYMONTH=2,4,9,11;BYDAY=+3TU', start: '18:00', budgetMonths: [4] });
    expect(lund.meetings).toMatchObject({ minPerYear: 4, budgetMeetingRequired: true });
    expect(lund.standingItems.map((s) => s.title.sv)).toEqual([
      'Stående punkt: Aktuellt från föreningarna',
      'Stående punkt: Aktuellt från nämnderna',
    ]);
    expect(lund.roster.find((r) => r.role === 'chair')?.name).toBe('Yanira Difonis');
    expect(lund.roster.find((r) => r.role === 'vice-chair')?.name).toBe('Mahnaz Soltani');
    expect(lund.roster.filter((r) => r.role === 'association-representative')).toHaveLength(19);
    expect(lund.secretary.email).toBe('ulrika.dagard@lund.se');
    expect(lund.sources.find((s) => s.id === 'lund-rules-2018')?.date).toBe('2018-03-07');
  });

  it('Høje-Taastrup follows its kommissorium: Danish, two weeks notice, 4 meetings of three hours, no substitutes', () => {
    const htk = councils.get('hoje-taastrup')!;
    expect(htk.languages[0]).toBe('da');
    expect(htk.timeZone).toBe('Europe/Copenhagen');
    expect(htk.notice.daysBefore).toBe(14);
    expect(htk.notice.holidayCountry).toBe('DK');
    expect(htk.meetings).toMatchObject({ minPerYear: 4, defaultDurationMinutes: 180 });
    expect(htk.roster.some((r) => r.role === 'substitute')).toBe(false);
  });
});

describe('broken council files stop the load with file, path and problem', () => {
  it('reports a wrong type at its path', () => {
    const dir = councilsDirWith('lund2', lundYaml.replace('id: lund', 'id: lund2').replace('daysBefore: 14', 'daysBefore: fourteen'));
    const [line] = problemsOf([dir]);
    expect(line).toContain(path.join('lund2', 'council.yaml'));
    expect(line).toMatch(/notice\.daysBefore: .*number/);
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = councilsDirWith('bad', 'id: bad\nnames: [unclosed\n');
    expect(problemsOf([dir])[0]).toMatch(/bad[/\\]council\.yaml \(line \d+\): cannot be read/);
  });

  it('refuses a key given twice, and a second document in one file, naming the line', () => {
    expect(problemsOf([councilsDirWith('twice', 'id: twice\nid: again\n')])[0]).toMatch(/twice[/\\]council\.yaml \(line 2\): cannot be read: duplicated mapping key/);
    const second = problemsOf([councilsDirWith('lund', `${lundYaml}\n---\nid: other\n`)])[0];
    expect(second).toMatch(/council\.yaml: cannot be read: expected one YAML document, found 2/);
  });

  it('refuses an unknown time zone, an unknown key and a missing name in the first language', () => {
    const text = lundYaml
      .replace('id: lund', 'id: lund3')
      .replace('timeZone: Europe/Stockholm', 'timeZone: Europe/Lund')
      .replace('municipality: Lunds kommun', 'municipality: Lunds kommun\nmayor: nobody')
      .replace('  sv: Kommunala integrationsrådet\n', '');
    const lines = problemsOf([councilsDirWith('lund3', text)]);
    expect(lines.some((l) => /timeZone: is not an IANA time zone/.test(l))).toBe(true);
    expect(lines.some((l) => /mayor/.test(l))).toBe(true);
    expect(lines.some((l) => /names\.sv: is missing/.test(l))).toBe(true);
  });

  it('refuses an id that does not match its folder, and a council defined twice', () => {
    expect(problemsOf([councilsDirWith('elsewhere', lundYaml)])[0]).toMatch(/id: is "lund" but the folder is "elsewhere"/);
    expect(problemsOf([SHIPPED_COUNCILS_DIR, councilsDirWith('lund', lundYaml)])[0]).toMatch(/"lund" is already defined/);
  });

  it('reads councils written as JSON too, from an extra folder', () => {
    const dir = councilsDirWith(
      'mini',
      JSON.stringify({
        id: 'mini',
        names: { en: 'Mini council' },
        municipality: 'Example',
        languages: ['en'],
        timeZone: 'Europe/Stockholm',
        notice: { daysBefore: 7, shiftToPreviousWorkingDay: false, holidayCountry: 'SE' },
        meetings: { minPerYear: 2, defaultDurationMinutes: 60, defaultPlace: 'Town hall' },
        secretary: { title: { en: 'Clerk' }, email: 'clerk@example.org' },
        sources: [{ id: 'rules', title: 'Rules' }],
      }),
      'council.json',
    );
    const councils = loadCouncils([SHIPPED_COUNCILS_DIR, dir]);
    expect([...councils.keys()].sort()).toEqual(['hoje-taastrup', 'lund', 'mini']);
  });
});
