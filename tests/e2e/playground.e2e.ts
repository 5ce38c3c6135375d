import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundConfigAs, startPlayground } from '../../src/dev/playground-process.ts';
import { freePort, startProcess, waitHealthy, type Started } from '../../src/dev/process.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { councilCopy } from '../helpers/council-copy.ts';

// The Lund council with the addresses the playground's people use, so the bot knows who is who.
const MEMBER = 'Mira Melander';
const CHAIR = 'Yanira Difonis';
const TITLE = 'Språkcaféer i stadsdelarna';

/**
 * The whole flow as people see it in a Teams-like client: Microsoft 365 Agents Playground renders
 * the bot's Adaptive Cards in Chromium, and the bot runs as `npm start` runs it.
 */
describe('council-bot in Microsoft 365 Agents Playground', () => {
  let bot: Started;
  let botPort: number;
  let playground: Started | undefined;
  let browser: Browser;
  let page: Page;

  async function openAs(name: string): Promise<Page> {
    if (playground) {
      playground.child.kill('SIGTERM');
      await playground.exited;
    }
    const port = await freePort();
    playground = await startPlayground({ botPort, port, configDir: playgroundConfigAs(name) });
    const p = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'sv-SE' });
    await p.goto(`http://localhost:${port}/`);
    // The bot greets on install; the card shows once the playground has connected.
    await p.locator('.ac-adaptiveCard').first().waitFor({ timeout: 60_000 });
    return p;
  }

  const cards = (p: Page) => p.locator('.ac-adaptiveCard');

  /** Types a message as the current user and returns the bot's answer card. */
  async function say(p: Page, text: string): Promise<Locator> {
    const before = await cards(p).count();
    const box = p.getByRole('textbox');
    await box.click();
    await box.pressSequentially(text);
    await p.keyboard.press('Enter');
    await expect.poll(() => cards(p).count(), { timeout: 30_000 }).toBeGreaterThan(before);
    return cards(p).last();
  }

  beforeAll(async () => {
    const councils = councilCopy('lund', 'lund-e2e', { [MEMBER]: 'mira.melander@example.org', [CHAIR]: 'yanira.difonis@example.org' });
    botPort = await freePort();
    bot = startProcess({
      PORT: String(botPort),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-data-')),
      COUNCILS_DIR: councils,
      COUNCIL: 'lund-e2e',
      REMINDER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    });
    await waitHealthy(botPort, bot, 120_000);
    browser = await launchChromium();
    page = await openAs(MEMBER);
    await screenshot(page, '01-welcome-member');
  });

  afterAll(async () => {
    await browser?.close();
    playground?.child.kill('SIGTERM');
    bot?.child.kill('SIGTERM');
    await Promise.all([playground?.exited, bot?.exited]);
  });

  it('answers a rules question with the rule and its source', async () => {
    const card = await say(page, 'hur många dagar före mötet ska kallelsen skickas?');
    const text = await card.innerText();
    expect(text).toContain('14 dagar före');
    expect(text).toContain('Regler för kommunala råd');
    await expect.poll(() => card.getByRole('button', { name: 'Visa hela regeln' }).count()).toBe(1);
    await screenshot(page, '02-rules-answer');
  });

  it('tells when the next meeting is, with its deadlines', async () => {
    const card = await say(page, 'när är nästa möte?');
    const text = await card.innerText();
    expect(text).toMatch(/Nästa möte/);
    expect(text).toMatch(/tisdag \d{1,2} \p{L}+ 20\d\d kl\. 18:00–20:00/u);
    expect(text).toContain('Kallelse med föredragningslista hos ledamöterna');
    await screenshot(page, '03-next-meeting');
  });

  it('lets a member fill in and submit the proposal card', async () => {
    const form = await say(page, 'föreslå punkt');
    await form.getByLabel(/^Rubrik/).fill(TITLE);
    await form.getByLabel(/^Sammanfattning/).fill('Föreningarna vill starta språkcaféer i tre stadsdelar och söker rådets stöd.');
    await form.getByLabel(/^Föredragande/).fill(MEMBER);
    await screenshot(page, '04-proposal-filled');
    const before = await cards(page).count();
    await form.getByRole('button', { name: 'Skicka förslaget' }).click();
    await expect.poll(async () => (await page.locator('body').innerText()).includes('Ditt förslag är sparat'), { timeout: 30_000 }).toBe(true);
    expect(await cards(page).count()).toBeGreaterThanOrEqual(before);
    expect(await cards(page).last().innerText()).toContain(TITLE);
    await screenshot(page, '05-proposal-submitted');
  });

  it('lets the chair, recognised by e-mail, approve it, and the card updates in place', async () => {
    await page.close();
    page = await openAs(CHAIR);
    const review = await say(page, 'granska förslag');
    expect(await review.innerText()).toContain(TITLE);
    await screenshot(page, '06-chair-review');
    const count = await cards(page).count();
    await review.getByRole('button', { name: 'Godkänn' }).first().click();
    await expect.poll(() => review.innerText(), { timeout: 30_000 }).toMatch(/Godkänt av Yanira Difonis/);
    // The same card changed; no new message was needed for it.
    expect(await cards(page).count()).toBe(count);
    await screenshot(page, '07-chair-approved');
  });
});
