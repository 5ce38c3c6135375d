export const LANGUAGES = ['sv', 'da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** "sv-SE", "da", "en-GB" → the catalogue language, or undefined when the bot does not speak it. */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  // Norwegian Bokmål readers are served Danish, which they read without effort.
  if (primary === 'nb' || primary === 'no') return 'da';
  return isLanguage(primary) ? primary : undefined;
}
