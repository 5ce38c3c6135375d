import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { launchChromium, pageErrors, screenshot } from '../helpers/browser.ts';
import { approvedAgenda, HOSTILE_TITLE } from '../helpers/tab-seed.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };

describe('the meetings tab in Chromium', () => {
  let bot: TestBot;
  let browser: Browser;

  beforeAll(async () => {
    bot = await startTestBot({ PUBLIC_BASE_URL: 'https://bot.example.org' }, undefined, { clock: () => NOW });
    await approvedAgenda(bot, NOW);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  /** WCAG 2 A/AA problems axe-core finds on the page as it is now. */
  async function accessibilityProblems(page: import('playwright-core').Page): Promise<string[]> {
    await page.evaluate(AXE);
    const result = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })`)) as AxeResult;
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('renders the coming meetings, deadlines and agenda in Swedish, without console errors, accessibly', async () => {
    // bypassCSP only so the test can add axe-core; the page itself runs under its own policy.
    const context = await browser.newContext({ locale: 'sv-SE', bypassCSP: true, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${bot.url}/tab`);
    await expect.poll(() => page.locator('section.meeting').count()).toBe(4);
    expect(await page.locator('h1').innerText()).toBe('Möten och tidsfrister');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    const first = page.locator('section.meeting').first();
    expect(await first.locator('h3').innerText()).toBe('tisdag 16 februari 2027 kl. 18:00–20:00');
    expect(await first.innerText()).toContain('Kallelse med föredragningslista hos ledamöterna');
    // The member's title is shown as text: nothing ran, nothing became an element.
    expect(await first.locator('ol.agenda li').nth(2).locator('strong').innerText()).toBe(`3. ${HOSTILE_TITLE}`);
    expect(await page.locator('ol.agenda img').count()).toBe(0);
    expect(await page.evaluate('window.injected')).toBeUndefined();
    expect(await page.locator('section.meeting').nth(1).innerText()).toContain('Föredragningslistan är inte godkänd ännu.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tab-sv-light');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is usable with the keyboard: the council picker switches council', async () => {
    const context = await browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(`${bot.url}/tab?council=lund`);
    await expect.poll(() => page.locator('section.meeting').count()).toBeGreaterThan(0);
    expect(await page.locator('h1').innerText()).toBe('Møder og frister');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('council');
    await page.keyboard.press('ArrowDown'); // Høje-Taastrup sorts before Kommunala …
    await page.keyboard.press('ArrowUp');
    await page.locator('#council').selectOption('hoje-taastrup');
    await expect.poll(() => page.locator('#council-name').innerText()).toBe('Integrationsrådet i Høje-Taastrup Kommune');
    expect(page.url()).toContain('council=hoje-taastrup');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows a dark system theme with enough contrast', async () => {
    const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'dark', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${bot.url}/tab`);
    await expect.poll(() => page.locator('section.meeting').count()).toBe(4);
    expect(await page.locator('h1').innerText()).toBe('Meetings and deadlines');
    expect(await page.evaluate(`getComputedStyle(document.body).backgroundColor`)).toBe('rgb(31, 31, 31)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tab-en-dark');
    await context.close();
  });

  it('in a frame without a Teams host (a browser, not Teams) it gives up on Teams and still renders', async () => {
    const context = await browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    // teams-js asks Microsoft's CDN for the Teams origins; this machine has no such network.
    await page.route('https://res.cdn.office.net/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"validOrigins":[]}' }));
    // The frame's parent must be an origin the tab's frame-ancestors allow: here its own.
    await page.route(`${bot.url}/host`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>host</title><iframe title="tab" src="/tab" width="900" height="800"></iframe>` }),
    );
    await page.goto(`${bot.url}/host`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('section.meeting').count(), { timeout: 10_000 }).toBe(4);
    expect(await frame.locator('h1').innerText()).toBe('Møder og frister');
    expect(await page.frames()[1]!.evaluate('typeof window.microsoftTeams')).toBe('object');
    expect(errors).toEqual([]);
    // A page that is not Teams (nor the tab's own origin) cannot frame it.
    await page.route('https://elsewhere.example/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>elsewhere</title><iframe title="tab" src="${bot.url}/tab"></iframe>` }),
    );
    await page.goto('https://elsewhere.example/');
    // Chromium replaces a frame its frame-ancestors refuse with an error page.
    await expect.poll(() => page.frames()[1]?.url()).toBe('chrome-error://chromewebdata/');
    await context.close();
  });

  it('says so, in the reader\u2019s language, when the meetings cannot be loaded', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.route('**/tab/overview.json*', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.goto(`${bot.url}/tab`);
    await expect.poll(() => page.locator('#status').innerText()).toBe('Mötena kunde inte hämtas. Försök igen om en stund.');
    await context.close();
  });
});
