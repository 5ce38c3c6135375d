import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Template } from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';

export const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

const templates = new Map<string, Template>();

function template(name: string): Template {
  let cached = templates.get(name);
  if (!cached) {
    const json: unknown = JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8'));
    cached = new Template(json);
    templates.set(name, cached);
  }
  return cached;
}

/**
 * Expands the card template `cards/<name>.json` with `data`. User text only ever travels in `data`,
 * which the templating engine does not evaluate, so "${...}" typed by a user stays literal.
 */
export function renderCard(name: string, data: object): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`card template ${name} did not expand to an AdaptiveCard`);
  return card;
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
