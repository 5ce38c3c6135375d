import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Template } from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import type { Language } from '../i18n/language.ts';

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

/** Every Action.Execute/Submit in the card carries the card's language, so the answer to a press is in it too. */
function tagActions(node: unknown, language: Language): void {
  if (Array.isArray(node)) {
    for (const item of node) tagActions(item, language);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if ((obj.type === 'Action.Execute' || obj.type === 'Action.Submit') && obj.data && typeof obj.data === 'object' && !Array.isArray(obj.data)) {
    (obj.data as Record<string, unknown>).lang = language;
  }
  for (const value of Object.values(obj)) tagActions(value, language);
}

/**
 * Expands the card template `cards/<name>.json` with `data`, in `language`. User text only ever
 * travels in `data`, which the templating engine does not evaluate, so "${...}" typed by a user
 * stays literal.
 */
export function renderCard(name: string, data: object, language: Language): AdaptiveCard {
  const card = template(name).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error(`card template ${name} did not expand to an AdaptiveCard`);
  tagActions(card, language);
  return card;
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
