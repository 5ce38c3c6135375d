import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function fingerprint(tz: string): { tz: string; lines: string[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/tz-fingerprint.ts'], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { tz: string; lines: string[] };
}

describe('meetings and deadlines do not depend on the server time zone', () => {
  it('computes the same local times and deadlines on a UTC server and a New York server', () => {
    const utc = fingerprint('UTC');
    const newYork = fingerprint('America/New_York');
    expect(utc.tz).toBe('UTC');
    expect(newYork.tz).toBe('America/New_York');
    expect(newYork.lines).toEqual(utc.lines);
    // Lund's plan: third Tuesday at 18:00 Stockholm time, in winter (UTC+1) and in summer (UTC+2).
    expect(utc.lines).toContain('lund | 2027-02-16T17:00:00.000Z | tisdag 16 februari 2027 | 18:00 | 2027-01-26 | 2027-02-01 | 2027-02-02');
    // The April agenda approval skips Easter Monday and Good Friday.
    expect(utc.lines).toContain('lund | 2026-04-21T16:00:00.000Z | tisdag 21 april 2026 | 18:00 | 2026-03-31 | 2026-04-02 | 2026-04-07');
    expect(utc.lines.filter((l) => l.startsWith('hoje-taastrup'))).toHaveLength(8);
  }, 30_000);
});
