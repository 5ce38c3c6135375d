import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems, cardTexts } from '../helpers/cards.ts';

type Card = Record<string, unknown> & { actions?: { type: string; title: string; url?: string }[] };

/** The buttons a card shows (its own actions and those of ActionSets in the body). */
function buttons(card: unknown): { type: string; title: string; url?: string; data?: unknown }[] {
  const found: { type: string; title: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o as { type: string; title: string });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

describe('rules Q&A over HTTP', () => {
  let lund: TestBot;
  let htk: TestBot;

  beforeAll(async () => {
    [lund, htk] = await Promise.all([startTestBot(), startTestBot({ COUNCIL: 'hoje-taastrup' })]);
  });
  afterAll(async () => {
    await Promise.all([lund.stop(), htk.stop()]);
  });

  async function ask(bot: TestBot, text: string, locale?: string) {
    const activity = message(text, { serviceUrl: bot.connector.url, from: user('Asker'), ...(locale ? { locale } : {}) });
    const before = bot.connector.sentTo(activity.conversation.id).length;
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    const sent = bot.connector.sentTo(activity.conversation.id).slice(before);
    expect(sent).toHaveLength(1);
    return sent[0]!;
  }

  it('answers the Swedish notice question with the rule quoted and cited', async () => {
    const reply = await ask(lund, 'hur många dagar före mötet ska kallelsen skickas?', 'sv-SE');
    const card = adaptiveCardOf(reply) as Card;
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Den skriftliga kallelsen med föredragningslistan ska vara ledamöterna tillhanda 14 dagar före sammanträdet.');
    // The rule as written, one sentence although the PDF split it in two paragraphs.
    expect(texts).toContain(
      'Skriftlig kallelse jämte föredragningslista ska vara rådets ledamöter tillhanda 14 dagar före rådets sammanträde.',
    );
    expect(texts).toEqual(expect.arrayContaining(['Dokument', 'Regler för kommunala råd, beslutade i KS 2018-03-07', 'Avsnitt', 'Kallelse', 'Datum', '2018-03-07']));
    const actions = buttons(card);
    expect(actions.find((a) => a.type === 'Action.ToggleVisibility')?.title).toBe('Visa hela regeln');
    expect(actions.find((a) => a.type === 'Action.OpenUrl')?.url).toMatch(/^https:\/\/www\.lund\.se\/.*2018-03-07\.pdf$/);
    const related = actions.filter((a) => a.type === 'Action.Submit');
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related[0]?.title).toBe('Vem bereder dagordningen?');
  });

  it('answers an English question about Swedish rules in English, quoting the Swedish original', async () => {
    const reply = await ask(lund, 'Who prepares the agenda?');
    const texts = cardTexts(adaptiveCardOf(reply));
    expect(texts[0]).toBe('The agenda is prepared by the chair in consultation with the vice chair.');
    expect(texts).toContain('Dagordning bereds av ordförande i samråd med vice ordförande.');
    expect(texts).toContain('The rule (in Swedish, as written)');
  });

  it('answers in Danish for Høje-Taastrup, from its kommissorium', async () => {
    const reply = await ask(htk, 'hvad sker der ved stemmelighed?');
    const card = adaptiveCardOf(reply);
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Ved stemmelighed i rådet er formandens beslutning afgørende.');
    expect(texts).toContain('Ved stemmelighed i rådet gælder formandens beslutning.');
    expect(texts).toContain('Kommissorium for Integrationsrådet i Høje-Taastrup Kommune');
  });

  it('understands typos, compounds and definite forms', async () => {
    const reply = await ask(lund, 'vem justerar protokolet efter sammanträdet', 'sv-SE');
    expect(cardTexts(adaptiveCardOf(reply))[0]).toBe('Vid sammanträdet förs protokoll, som justeras av ordföranden och en ledamot som rådet utser.');
  });

  it('says it does not know, and who to ask, when the question is out of scope', async () => {
    const weather = await ask(lund, 'vad blir det för väder i morgon?', 'sv-SE');
    expect(adaptiveCardOf(weather)).toBeUndefined();
    expect(weather.text).toMatch(/^Jag vet inte svaret på \u201cvad blir det för väder i morgon\?\u201d/);
    expect(weather.text).toContain('Ulrika Dagård (ulrika.dagard@lund.se)');
  });

  it('does not answer from another council\u2019s rules: Høje-Taastrup has no integration prize jury', async () => {
    const reply = await ask(htk, 'hvem udpeger juryen til integrationsprisen?');
    expect(adaptiveCardOf(reply)).toBeUndefined();
    expect(reply.text).toMatch(/^Jeg ved ikke svaret/);
    expect(reply.text).toContain('Integrationskonsulent (sekretariatet) (kommune@htk.dk, telefon 43 59 10 00)');
  });

  it('offers "did you mean" buttons when a question is too vague to answer', async () => {
    const reply = await ask(lund, 'ledamöter', 'sv-SE');
    const card = adaptiveCardOf(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe('Jag är inte säker på vad du menar. Menade du någon av de här?');
    const choices = buttons(card).filter((a) => a.type === 'Action.Submit');
    expect(choices.length).toBeGreaterThan(1);
    expect(choices.length).toBeLessThanOrEqual(3);
  });

  it('keeps template expressions in a question literal', async () => {
    const reply = await ask(lund, '${owner.name} ${1+1}', 'en-US');
    expect(reply.text).toContain('\u201c${owner.name} ${1+1}\u201d');
  });
});
