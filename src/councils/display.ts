import type { Language } from '../i18n/language.ts';
import { t } from '../i18n/messages.ts';
import type { Council } from './schema.ts';

type Localized = Partial<Record<Language, string>>;

/** The text in `language`, else in the council's own languages in order, else any. */
export function pick(council: Council, text: Localized, language: Language): string {
  const found = text[language] ?? council.languages.map((l) => text[l]).find((v) => v !== undefined);
  return found ?? Object.values(text).find((v) => v !== undefined) ?? '';
}

export function councilName(council: Council, language: Language): string {
  return pick(council, council.names, language);
}

/** "Ulrika Dagård (ulrika.dagard@lund.se)" — who to ask when the bot cannot help. */
export function secretaryContact(council: Council, language: Language): string {
  const s = council.secretary;
  const name = s.name ?? pick(council, s.title, language);
  if (s.email && s.phone) return t(language, 'contact.emailPhone', { name, email: s.email, phone: s.phone });
  if (s.email) return t(language, 'contact.email', { name, email: s.email });
  return t(language, 'contact.phone', { name, phone: s.phone ?? '' });
}

/** The language to answer in when the asker's own is unknown. */
export function councilLanguage(council: Council): Language {
  return council.languages[0] ?? 'en';
}
