import type { Language } from '../i18n/language.ts';
import type { MessageKey } from '../i18n/messages.ts';

export type CommandId =
  | 'help'
  | 'council'
  | 'bind'
  | 'next-meeting'
  | 'meetings'
  | 'deadlines'
  | 'extra-meeting'
  | 'propose'
  | 'mine'
  | 'agenda'
  | 'review'
  | 'stop-reminders'
  | 'start-reminders'
  | 'planned-reminders'
  | 'schedule'
  | 'check'
  | 'export-data'
  | 'erase-data';

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
    id: 'next-meeting',
    staffOnly: false,
    nameKey: 'command.next.name',
    descriptionKey: 'command.next.description',
    // Also inside longer questions ("hur långt före nästa möte …"): the card holds every deadline.
    patterns: {
      en: [/\bnext (council )?meeting\b/, /^when (do|will) we (next )?meet( again| next)?$/, /^upcoming meeting$/],
      sv: [/\bnästa (möte|sammanträde|rådsmöte)\b/, /\bmöte nästa gång\b/, /^när (ses|träffas) vi( nästa gång| igen)?$/, /^när är mötet$/],
      da: [/\bnæste (møde|rådsmøde)\b/, /\bmøde næste gang\b/, /^(hvornår|når) (ses|mødes) vi( igen| næste gang)?$/, /^(hvornår|når) er mødet$/],
    },
  },
  {
    id: 'meetings',
    staffOnly: false,
    nameKey: 'command.meetings.name',
    descriptionKey: 'command.meetings.description',
    patterns: {
      en: [/^((list|show)( all)? )?meetings( this year)?$/, /^all meetings( this year)?$/, /^which meetings (are there|do we have)( this year)?$/, /^meeting (plan|schedule|dates)$/, /^when do we meet this year$/],
      sv: [/^((visa|lista)( alla)? )?möten( i år)?$/, /^alla möten( i år)?$/, /^vilka möten (finns det|har vi)( i år)?$/, /^(mötesplan|sammanträdesplan)(en)?$/, /^(mötesdatum|sammanträdesdatum|sammanträdestider)$/],
      da: [/^((vis|list)( alle)? )?møder( i år)?$/, /^alle møder( i år)?$/, /^hvilke møder (er der|har vi)( i år)?$/, /^(mødeplan|mødekalender)(en)?$/, /^mødedatoer(ne)?$/],
    },
  },
  {
    id: 'deadlines',
    staffOnly: false,
    nameKey: 'command.deadlines.name',
    descriptionKey: 'command.deadlines.description',
    patterns: {
      en: [/^(deadlines?|what are the deadlines|when is the deadline( for proposals)?|last day (to|for) propos(e|als))$/],
      sv: [/^(tidsfrister(na)?|deadlines?|vilka är tidsfristerna|när måste förslag(en)? vara inne)$/, /^sista dag(en)? (att|för) (föreslå|lämna in|anmäla)( ärenden| punkter| förslag)?$/],
      da: [/^(frister(ne)?|deadlines?|hvad er fristerne|hvornår er fristen( for forslag)?|sidste frist( for forslag)?)$/],
    },
  },
  {
    id: 'extra-meeting',
    staffOnly: false,
    nameKey: 'command.extra.name',
    descriptionKey: 'command.extra.description',
    patterns: {
      en: [/^((request|ask for|demand)( an)? )?extra(ordinary)? meeting((:| about| because| on| regarding)? (?<arg>.+))?$/],
      sv: [/^((begär|begära|kräv|kräva)( ett)? )?extra (möte|sammanträde)((:| om| eftersom| angående| för att)? (?<arg>.+))?$/],
      da: [/^((anmod om|kræv|kræver|bed om)( et)? )?ekstra(ordinært)? møde((:| om| fordi| angående)? (?<arg>.+))?$/],
    },
  },
  {
    id: 'propose',
    staffOnly: false,
    nameKey: 'command.propose.name',
    descriptionKey: 'command.propose.description',
    patterns: {
      en: [/^((propose|suggest|add)( an?)?( agenda)? item|new (agenda )?item|propose)$/],
      sv: [/^(föreslå( en| ett)? (punkt|ärende)|nytt ärende|ny punkt|lägg till( en)? punkt|föreslå)$/],
      da: [/^(foreslå( et| en)? (punkt|sag)|nyt punkt|ny sag|tilføj( et)? punkt)$/],
    },
  },
  {
    id: 'mine',
    staffOnly: false,
    nameKey: 'command.mine.name',
    descriptionKey: 'command.mine.description',
    patterns: {
      en: [/^(my (proposals|items)|what (happened to|about) my proposals?)$/],
      sv: [/^(mina (förslag|ärenden|punkter)|vad hände med mitt förslag)$/],
      da: [/^(mine (forslag|punkter|sager)|hvad skete der med mit forslag)$/],
    },
  },
  {
    id: 'agenda',
    staffOnly: false,
    nameKey: 'command.agenda.name',
    descriptionKey: 'command.agenda.description',
    patterns: {
      en: [/^((show( me)?|see) )?(the )?agenda( for the next meeting)?$/],
      sv: [/^((visa|se) )?(föredragningslista|föredragningslistan|dagordning|dagordningen)( för nästa möte)?$/],
      da: [/^((vis|se) )?(dagsorden|dagsordenen)( for næste møde)?$/],
    },
  },
  {
    id: 'review',
    staffOnly: true,
    nameKey: 'command.review.name',
    descriptionKey: 'command.review.description',
    patterns: {
      en: [/^(review|decide on)( the)? (proposals|items)$/],
      sv: [/^(granska|behandla|besluta om)( inkomna)? (förslag|förslagen|ärenden)$/],
      da: [/^(behandl|gennemgå|beslut om)( de)? (forslag|forslagene|punkter)$/],
    },
  },
  {
    id: 'stop-reminders',
    staffOnly: false,
    nameKey: 'command.stopReminders.name',
    descriptionKey: 'command.stopReminders.description',
    patterns: {
      en: [/^(stop|pause|mute|turn off)( the| my)? reminders$/],
      sv: [/^(pausa|stoppa|stäng av|sluta med)( mina)? påminnelser(na)?$/],
      da: [/^(stop|pause|slå)( mine)? påmindelser(ne)?( fra)?$/],
    },
  },
  {
    id: 'start-reminders',
    staffOnly: false,
    nameKey: 'command.startReminders.name',
    descriptionKey: 'command.startReminders.description',
    patterns: {
      en: [/^(start|resume|unmute|turn on)( the| my)? reminders$/],
      sv: [/^(starta|återuppta|slå på)( mina)? påminnelser(na)?$/],
      da: [/^(start|genoptag)( mine)? påmindelser(ne)?$/, /^slå( mine)? påmindelser(ne)? til$/],
    },
  },
  {
    id: 'export-data',
    staffOnly: false,
    nameKey: 'command.exportData.name',
    descriptionKey: 'command.exportData.description',
    patterns: {
      en: [/^(export|download|show)( all)? my (personal )?data$/, /^what do you (know|store|keep) about me$/],
      sv: [/^(exportera|ladda ner|visa)( alla)? mina (person)?uppgifter$/, /^vad (vet|sparar) du om mig$/],
      da: [/^(eksporter|download|vis)( alle)? mine (person)?(data|oplysninger)$/, /^hvad (ved|gemmer) du om mig$/],
    },
  },
  {
    id: 'erase-data',
    staffOnly: true,
    nameKey: 'command.eraseData.name',
    descriptionKey: 'command.eraseData.description',
    patterns: {
      en: [/^erase (the )?personal data( of| for)? (?<arg>.+)$/],
      sv: [/^radera personuppgifter(na)?( för| om)? (?<arg>.+)$/],
      da: [/^slet persondata(ene)?( for| om)? (?<arg>.+)$/],
    },
  },
  {
    id: 'planned-reminders',
    staffOnly: true,
    nameKey: 'command.plannedReminders.name',
    descriptionKey: 'command.plannedReminders.description',
    patterns: {
      en: [/^((which|what) reminders are planned|planned reminders|reminders)$/],
      sv: [/^(vilka påminnelser är planerade|planerade påminnelser|påminnelser)$/],
      da: [/^(hvilke påmindelser er planlagt|planlagte påmindelser|påmindelser)$/],
    },
  },
  {
    id: 'schedule',
    staffOnly: true,
    nameKey: 'command.schedule.name',
    descriptionKey: 'command.schedule.description',
    patterns: {
      en: [/^((schedule|plan|add|book)( a)? meeting|new meeting)$/],
      sv: [/^((planera|boka|lägg till)( ett)? (möte|sammanträde)|nytt (möte|sammanträde))$/],
      da: [/^((planlæg|opret|tilføj|book)( et)? møde|nyt møde)$/],
    },
  },
  {
    id: 'check',
    staffOnly: true,
    nameKey: 'command.check.name',
    descriptionKey: 'command.check.description',
    patterns: {
      en: [/^(check( the)? plan|plan check|check rules|warnings|compliance)$/],
      sv: [/^(kontrollera( planen)?|regelkontroll|varningar)$/],
      da: [/^(kontroller( planen)?|regelkontrol|advarsler)$/],
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

/** Folds spaces and drops surrounding punctuation, keeping the letters' case. */
function foldText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[?!.,;:\s]+(?=.)|[?!.,;:\s]+$/g, '');
}

/** Lower-cases, folds spaces and drops trailing punctuation, so "Hjälp!" and "hjälp" are the same. */
export function normalizeText(text: string): string {
  return foldText(text).toLowerCase();
}

// Patterns per command as a flat list, built once: the parser runs on every message.
const COMPILED = COMMANDS.map((command) => ({
  id: command.id,
  patterns: (Object.entries(command.patterns) as [Language, RegExp[]][]).flatMap(([language, list]) =>
    list.map((pattern) => ({ language, pattern })),
  ),
}));

export function parseCommand(text: string): ParsedCommand | undefined {
  const normalized = normalizeText(text);
  if (normalized === '' && text.includes('?')) return { id: 'help', arg: undefined, language: undefined };
  for (const command of COMPILED) {
    let language: Language | undefined;
    let ambiguous = false;
    let arg: string | undefined;
    for (const { language: patternLanguage, pattern } of command.patterns) {
      if (patternLanguage === language) continue;
      const match = pattern.exec(normalized);
      if (!match) continue;
      if (language === undefined) language = patternLanguage;
      else ambiguous = true;
      // The argument keeps the case it was written in (a reason, a title); ids are compared lower-cased.
      if (arg === undefined && match.groups?.arg !== undefined) {
        arg = new RegExp(pattern.source, `${pattern.flags}i`).exec(foldText(text))?.groups?.arg ?? match.groups.arg;
      }
    }
    if (language !== undefined) return { id: command.id, arg, language: ambiguous ? undefined : language };
  }
  return undefined;
}
