import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TabOverview } from '../../src/tab/overview.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { approvedAgenda, HOSTILE_TITLE } from '../helpers/tab-seed.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe('the meetings tab over HTTP', () => {
  let bot: TestBot;
  let meetingId: string;
  const overview = async (query: string) => {
    const res = await fetch(`${bot.url}/tab/overview.json?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as TabOverview;
  };

  beforeAll(async () => {
    bot = await startTestBot({ PUBLIC_BASE_URL: 'https://bot.example.org' }, undefined, { clock: () => NOW });
    meetingId = await approvedAgenda(bot, NOW);
  });
  afterAll(() => bot.stop());

  it('serves the page and its script with a policy that lets only Teams frame it', async () => {
    const page = await fetch(`${bot.url}/tab`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(await page.text()).toContain('<label for="council">');
    for (const path of ['/tab/app.js', '/tab/teams.js', '/tab/app.css', '/privacy']) expect((await fetch(`${bot.url}${path}`)).status, path).toBe(200);
    expect(await (await fetch(`${bot.url}/tab/teams.js`)).text()).toContain('registerOnThemeChangeHandler');
  });

  it('shows the coming meetings with deadlines and the approved agenda, in the asked language', async () => {
    const sv = await overview('lang=sv');
    expect(sv.council).toEqual({ id: 'lund', name: 'Kommunala integrationsrådet' });
    expect(sv.labels.title).toBe('Möten och tidsfrister');
    const next = sv.meetings[0]!;
    expect(next.id).toBe(meetingId);
    expect(next.when).toBe('tisdag 16 februari 2027 kl. 18:00–20:00');
    expect(next.deadlines.map((d) => d.label)).toEqual(['Sista dag att föreslå ärenden', 'Ordföranden godkänner föredragningslistan', 'Kallelse med föredragningslista hos ledamöterna']);
    expect(next.deadlines[2]!.value).toMatch(/^tisdag 2 februari/);
    expect(next.agenda!.map((i) => i.heading)).toEqual([
      '1. Mötets öppnande',
      '2. Val av justerare',
      `3. ${HOSTILE_TITLE}`,
      '4. Stående punkt: Aktuellt från föreningarna',
      '5. Stående punkt: Aktuellt från nämnderna',
      '6. Mötets avslutande',
    ]);
    expect(next.noticeUrl).toBe(`https://bot.example.org/meetings/${meetingId}/notice`);
    expect(sv.meetings[1]!.agenda).toBeUndefined();
    expect(sv.subscribeUrl).toMatch(/^webcal:\/\/bot\.example\.org\/calendar\/lund\.ics\?sig=/);
    const en = await overview('lang=en');
    expect(en.meetings[0]!.when).toBe('Tuesday, 16 February 2027, 18:00–20:00');
  });

  it('shows no personal data beyond the public notice: no roster, no pending proposals', async () => {
    const text = JSON.stringify(await overview('lang=sv'));
    expect(text).not.toContain('Philip Sandberg');
    expect(text).not.toContain('aad-member');
  });

  it("shows a bound team's council and offers no other; bad parameters fall back to the defaults", async () => {
    await bot.store.bindConversation({ conversationKey: '19:team-htk@thread.tacv2', councilId: 'hoje-taastrup', boundBy: 'aad-secretary' });
    const team = await overview(`conversation=${encodeURIComponent('19:team-htk@thread.tacv2')}&council=lund`);
    expect(team.council.id).toBe('hoje-taastrup');
    expect(team.language).toBe('da');
    expect(team.bound).toBe(true);
    expect(team.councils.map((c) => c.id)).toEqual(['hoje-taastrup']);
    const odd = await overview('council=..%2F..%2Fetc&lang=xx&conversation=');
    expect(odd.council.id).toBe('lund');
    expect(odd.language).toBe('sv');
    expect(odd.councils.map((c) => c.id).sort()).toEqual(['hoje-taastrup', 'lund']);
  });
});
