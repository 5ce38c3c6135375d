import type { Language } from '../i18n/language.ts';
import type { MessageKey } from '../i18n/messages.ts';

export type CommandId = 'help' | 'council' | 'bind';

type CommandSpec = {
  id: CommandId;
  staffOnly: boolean;
  nameKey: MessageKey;
  descriptionKey: MessageKey;
  /** Whole-message patterns per language; a named group `arg` captures the argument. */
  patterns: Partial<Record<Language, RegExp[]>>;
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    id: 'help',
    staffOnly: false,
    nameKey: 'command.help.name',
    descriptionKey: 'command.help.description',
    patterns: {
      en: [/^(help|commands|menu|what can you do|how does this work)$/],
      sv: [/^(hjälp|kommandon|meny|vad kan du( göra)?|hur fungerar (det|du))$/],
      da: [/^(hjælp|kommandoer|menu|hvad kan du( gøre)?|hvordan virker (det|du))$/],
    },
  },
  {
    id: 'council',
    staffOnly: false,
    nameKey: 'command.council.name',
    descriptionKey: 'command.council.description',
    patterns: {
      en: [/^(council|councils|which council( is this)?)$/],
      sv: [/^(råd|rådet|vilket råd( är det här)?)$/],
      da: [/^(råd|rådet|hvilket råd( er det her)?)$/],
    },
  },
  {
    id: 'bind',
    staffOnly: true,
    nameKey: 'command.bind.name',
    descriptionKey: 'command.bind.description',
    patterns: {
      en: [/^(bind|link)( (to )?(?<arg>\S+))?$/],
      sv: [/^(koppla)( (till )?(?<arg>\S+))?$/],
      da: [/^(tilknyt)( (til )?(?<arg>\S+))?$/],
    },
  },
];

export type ParsedCommand = {
  id: CommandId;
  arg: string | undefined;
  /** Set when the words used belong to one language only, so the answer can follow the asker. */
  language: Language | undefined;
};

/** Lower-cases, folds spaces and drops trailing punctuation, so "Hjälp!" and "hjälp" are the same. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[?!.,;:\s]+(?=.)|[?!.,;:\s]+$/g, '');
}

export function parseCommand(text: string): ParsedCommand | undefined {
  const normalized = normalizeText(text);
  if (normalized === '' && text.includes('?')) return { id: 'help', arg: undefined, language: undefined };
  for (const command of COMMANDS) {
    const matched: Language[] = [];
    let arg: string | undefined;
    for (const [language, patterns] of Object.entries(command.patterns) as [Language, RegExp[]][]) {
      const match = patterns.map((p) => p.exec(normalized)).find((m) => m !== null);
      if (match) {
        matched.push(language);
        arg ??= match.groups?.arg;
      }
    }
    if (matched.length > 0) {
      return { id: command.id, arg, language: matched.length === 1 ? matched[0] : undefined };
    }
  }
  return undefined;
}
