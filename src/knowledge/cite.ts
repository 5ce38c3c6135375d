import type { Council } from '../councils/schema.ts';
import type { Language } from '../i18n/language.ts';
import { t } from '../i18n/messages.ts';
import type { QaEngine } from './engine.ts';

/** "Rule: Kallelse, Regler för kommunala råd …" for a rules.md section id, or '' when there is none. */
export function citeRule(council: Council, engine: QaEngine | undefined, sectionId: string | undefined, language: Language): string {
  if (!sectionId) return '';
  const section = engine?.section(sectionId);
  if (!section) return t(language, 'check.rule', { section: sectionId, source: '' }).replace(/, $/, '');
  const source = council.sources.find((s) => s.id === section.sourceId);
  return t(language, 'check.rule', { section: section.title, source: source?.title ?? section.sourceId });
}
