import { renderCard, type AdaptiveCard } from '../cards/render.ts';
import { councilLanguage, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey } from '../i18n/messages.ts';
import type { FaqEntry, RuleSection } from '../knowledge/base.ts';
import type { QaEngine } from '../knowledge/engine.ts';

const QUOTE_LIMIT = 320;
// An answer card depends only on the entry, the related entries and the language; rules change only
// with a restart. The cards are sent as they are, never changed.
const renderedAnswers = new Map<string, AdaptiveCard>();
const RENDERED_LIMIT = 1_000;

/** The card for a confident answer: the short answer, the rule as written, where it comes from. */
export function answerCard(
  engine: QaEngine,
  council: Council,
  entry: FaqEntry,
  related: readonly FaqEntry[],
  language: Language,
): AdaptiveCard {
  const key = [council.id, language, entry.id, ...related.map((r) => r.id)].join('\u0000');
  let card = renderedAnswers.get(key);
  if (!card) {
    card = renderAnswer(engine, council, entry, related, language);
    if (renderedAnswers.size >= RENDERED_LIMIT) renderedAnswers.clear();
    renderedAnswers.set(key, card);
  }
  return card;
}

function renderAnswer(engine: QaEngine, council: Council, entry: FaqEntry, related: readonly FaqEntry[], language: Language): AdaptiveCard {
  const sections = entry.sections.map((id) => engine.section(id)).filter((s): s is RuleSection => s !== undefined);
  const first = sections[0];
  const source = council.sources.find((s) => s.id === first?.sourceId);
  const paragraphs = sections.flatMap((s) => s.paragraphs);
  const opening = paragraphs[0] ?? '';
  const quote = opening.length > QUOTE_LIMIT ? `${opening.slice(0, QUOTE_LIMIT - 1).trimEnd()}…` : opening;
  const citation = [
    source && { label: t(language, 'qa.citation.document'), value: source.title },
    { label: t(language, 'qa.citation.section'), value: sections.map((s) => s.title).join('; ') },
    source?.date && { label: t(language, 'qa.citation.date'), value: source.date },
  ].filter((f): f is { label: string; value: string } => Boolean(f));
  return renderCard('answer', {
    answer: entry.answer[language],
    ruleHeading: t(language, 'qa.ruleHeading', {
      language: t(language, `qa.original.${councilLanguage(council)}` as MessageKey),
    }),
    quote,
    fullRule: paragraphs,
    citation,
    relatedHeading: t(language, 'qa.related'),
    related: related.map((r) => ({ question: r.questions[language][0] })),
    showFullRule: t(language, 'qa.showFullRule'),
    openSource: t(language, 'qa.openSource'),
    sourceUrl: source?.url ?? '',
  }, language);
}

/** "Did you mean …?" with the closest questions as buttons. */
export function suggestionsCard(council: Council, suggestions: readonly FaqEntry[], language: Language): AdaptiveCard {
  return renderCard('suggestions', {
    heading: t(language, 'qa.didYouMean'),
    suggestions: suggestions.map((s) => ({ question: s.questions[language][0] })),
    footer: t(language, 'qa.didYouMeanFooter', { secretary: secretaryContact(council, language) }),
  }, language);
}
