import { describe, expect, it } from 'vitest';
import { languageFromLocale, LANGUAGES } from '../../src/i18n/language.ts';
import { catalogues, t, type MessageKey } from '../../src/i18n/messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const keys = Object.keys(catalogues.en) as MessageKey[];

  it.each(LANGUAGES)('%s has every key, none empty, with the same placeholders as English', (language) => {
    const catalogue = catalogues[language];
    expect(Object.keys(catalogue).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(catalogue[key].trim(), `${language} ${key}`).not.toBe('');
      expect(placeholders(catalogue[key]), `${language} ${key}`).toEqual(placeholders(catalogues.en[key]));
    }
  });

  it('fills placeholders once, so user text that looks like a placeholder stays literal', () => {
    expect(t('en', 'bind.unknownCouncil', { id: '{ids} ${x}', ids: 'lund' })).toBe(
      'There is no council with the id \u201c{ids} ${x}\u201d. Known councils: lund.',
    );
  });

  it('maps Teams locales to the languages the bot speaks', () => {
    expect(languageFromLocale('sv-SE')).toBe('sv');
    expect(languageFromLocale('da-DK')).toBe('da');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale('nb-NO')).toBe('da');
    expect(languageFromLocale('fi-FI')).toBeUndefined();
    expect(languageFromLocale(undefined)).toBeUndefined();
  });
});
