import type { Language } from './language.ts';

/**
 * Every user-facing text, in English first; Swedish and Danish must have the same keys (the types and
 * tests/i18n.test.ts both check). Placeholders are written {name} and filled by `t`.
 */
const en = {
  'language.name': 'English',

  'welcome.title': 'Welcome to {council}',
  'welcome.intro.personal':
    'I am the council assistant. I keep track of the council\u2019s meetings and rules for you, in Swedish, Danish or English.',
  'welcome.intro.team':
    'I am the council assistant for this team. Mention me (@council-bot) with a question or a command.',
  'welcome.unbound':
    'This team is not yet linked to a council; I answer for {council} until the secretary links it with \u201cbind <council id>\u201d.',
  'welcome.contact': 'Questions I cannot answer go to {secretary}.',
  'welcome.helpButton': 'What can you do?',

  'help.title': 'What I can do',
  'help.intro': 'Write one of these (in Swedish, Danish or English):',
  'help.footer': 'I answer for {council}. Contact: {secretary}.',
  'help.staffHeading': 'For the secretary',

  'command.help.name': 'help',
  'command.help.description': 'Shows this list.',
  'command.council.name': 'council',
  'command.council.description': 'Tells which council this conversation belongs to.',
  'command.bind.name': 'bind <council id>',
  'command.bind.description': 'Links this team or chat to a council (secretary only).',

  'council.current': 'This conversation belongs to **{council}** ({id}), {municipality}. Councils on this service: {ids}.',

  'bind.done': 'Done: this conversation now belongs to {council}.',
  'bind.unknownCouncil': 'There is no council with the id \u201c{id}\u201d. Known councils: {ids}.',
  'bind.notAllowed':
    'Only the secretary of {council} can link a conversation to it. If that is you, ask for your e-mail address to be added to the council\u2019s roster.',
  'bind.usage': 'Write \u201cbind\u201d followed by a council id, for example \u201cbind {example}\u201d. Known councils: {ids}.',

  'unknown.empty': 'Hello! Write \u201chelp\u201d to see what I can do.',

  'help.ask.name': 'a question about the rules',
  'help.ask.description': 'For example \u201chow many days before the meeting must the notice be sent?\u201d. I answer from the council\u2019s rules and show where the answer comes from.',

  'qa.ruleHeading': 'The rule ({language})',
  'qa.showFullRule': 'Show the full rule',
  'qa.openSource': 'Open the source document',
  'qa.citation.document': 'Document',
  'qa.citation.section': 'Section',
  'qa.citation.date': 'Date',
  'qa.related': 'Related questions',
  'qa.didYouMean': 'I am not sure what you mean. Did you mean one of these?',
  'qa.didYouMeanFooter': 'If none of these fits, ask {secretary}.',
  'qa.unknown':
    'I don\u2019t know the answer to \u201c{text}\u201d: it is not in the rules of {council} as I have them, and I will not guess. Please ask {secretary}. Write \u201chelp\u201d to see what I can do.',
  'qa.original.sv': 'in Swedish, as written',
  'qa.original.da': 'in Danish, as written',
  'qa.original.en': 'as written',

  'error.generic':
    'Something went wrong on my side and I could not finish that. Please try again in a moment; if it keeps happening, contact {secretary}.',

  'contact.email': '{name} ({email})',
  'contact.phone': '{name} (phone {phone})',
  'contact.emailPhone': '{name} ({email}, phone {phone})',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

const sv: Catalogue = {
  'language.name': 'Svenska',

  'welcome.title': 'Välkommen till {council}',
  'welcome.intro.personal':
    'Jag är rådets assistent. Jag håller reda på rådets sammanträden och regler åt dig, på svenska, danska eller engelska.',
  'welcome.intro.team':
    'Jag är rådets assistent i det här teamet. Nämn mig (@council-bot) med en fråga eller ett kommando.',
  'welcome.unbound':
    'Teamet är ännu inte kopplat till något råd; jag svarar för {council} tills sekreteraren kopplar det med \u201ckoppla <råd-id>\u201d.',
  'welcome.contact': 'Frågor jag inte kan svara på går till {secretary}.',
  'welcome.helpButton': 'Vad kan du göra?',

  'help.title': 'Det här kan jag',
  'help.intro': 'Skriv något av detta (på svenska, danska eller engelska):',
  'help.footer': 'Jag svarar för {council}. Kontakt: {secretary}.',
  'help.staffHeading': 'För sekreteraren',

  'command.help.name': 'hjälp',
  'command.help.description': 'Visar den här listan.',
  'command.council.name': 'råd',
  'command.council.description': 'Visar vilket råd samtalet hör till.',
  'command.bind.name': 'koppla <råd-id>',
  'command.bind.description': 'Kopplar teamet eller chatten till ett råd (endast sekreteraren).',

  'council.current': 'Samtalet hör till **{council}** ({id}), {municipality}. Råd i den här tjänsten: {ids}.',

  'bind.done': 'Klart: samtalet hör nu till {council}.',
  'bind.unknownCouncil': 'Det finns inget råd med id \u201c{id}\u201d. Kända råd: {ids}.',
  'bind.notAllowed':
    'Bara sekreteraren för {council} kan koppla ett samtal till rådet. Om det är du, be att din e-postadress läggs in i rådets förteckning över ledamöter.',
  'bind.usage': 'Skriv \u201ckoppla\u201d följt av ett råd-id, till exempel \u201ckoppla {example}\u201d. Kända råd: {ids}.',

  'unknown.empty': 'Hej! Skriv \u201chjälp\u201d för att se vad jag kan göra.',

  'help.ask.name': 'en fråga om reglerna',
  'help.ask.description': 'Till exempel \u201chur många dagar före mötet ska kallelsen skickas?\u201d. Jag svarar utifrån rådets regler och visar var svaret kommer ifrån.',

  'qa.ruleHeading': 'Regeln ({language})',
  'qa.showFullRule': 'Visa hela regeln',
  'qa.openSource': 'Öppna källdokumentet',
  'qa.citation.document': 'Dokument',
  'qa.citation.section': 'Avsnitt',
  'qa.citation.date': 'Datum',
  'qa.related': 'Relaterade frågor',
  'qa.didYouMean': 'Jag är inte säker på vad du menar. Menade du någon av de här?',
  'qa.didYouMeanFooter': 'Om ingen av dem passar, fråga {secretary}.',
  'qa.unknown':
    'Jag vet inte svaret på \u201c{text}\u201d: det står inte i reglerna för {council} som jag har dem, och jag gissar inte. Fråga gärna {secretary}. Skriv \u201chjälp\u201d för att se vad jag kan göra.',
  'qa.original.sv': 'på svenska, som den är skriven',
  'qa.original.da': 'på danska, som den är skriven',
  'qa.original.en': 'på engelska, som den är skriven',

  'error.generic':
    'Något gick fel hos mig och jag kunde inte slutföra det. Försök igen om en stund; om det fortsätter, kontakta {secretary}.',

  'contact.email': '{name} ({email})',
  'contact.phone': '{name} (telefon {phone})',
  'contact.emailPhone': '{name} ({email}, telefon {phone})',
};

const da: Catalogue = {
  'language.name': 'Dansk',

  'welcome.title': 'Velkommen til {council}',
  'welcome.intro.personal':
    'Jeg er rådets assistent. Jeg holder styr på rådets møder og regler for dig, på dansk, svensk eller engelsk.',
  'welcome.intro.team':
    'Jeg er rådets assistent i dette team. Nævn mig (@council-bot) med et spørgsmål eller en kommando.',
  'welcome.unbound':
    'Teamet er endnu ikke tilknyttet et råd; jeg svarer for {council}, indtil sekretæren tilknytter det med \u201ctilknyt <råd-id>\u201d.',
  'welcome.contact': 'Spørgsmål, jeg ikke kan svare på, går til {secretary}.',
  'welcome.helpButton': 'Hvad kan du?',

  'help.title': 'Det kan jeg',
  'help.intro': 'Skriv et af disse (på dansk, svensk eller engelsk):',
  'help.footer': 'Jeg svarer for {council}. Kontakt: {secretary}.',
  'help.staffHeading': 'For sekretæren',

  'command.help.name': 'hjælp',
  'command.help.description': 'Viser denne liste.',
  'command.council.name': 'råd',
  'command.council.description': 'Fortæller, hvilket råd samtalen hører til.',
  'command.bind.name': 'tilknyt <råd-id>',
  'command.bind.description': 'Tilknytter teamet eller chatten til et råd (kun sekretæren).',

  'council.current': 'Samtalen hører til **{council}** ({id}), {municipality}. Råd i denne tjeneste: {ids}.',

  'bind.done': 'Færdig: samtalen hører nu til {council}.',
  'bind.unknownCouncil': 'Der findes intet råd med id \u201c{id}\u201d. Kendte råd: {ids}.',
  'bind.notAllowed':
    'Kun sekretæren for {council} kan tilknytte en samtale til rådet. Hvis det er dig, så bed om at få din e-mailadresse skrevet på rådets medlemsliste.',
  'bind.usage': 'Skriv \u201ctilknyt\u201d efterfulgt af et råd-id, for eksempel \u201ctilknyt {example}\u201d. Kendte råd: {ids}.',

  'unknown.empty': 'Hej! Skriv \u201chjælp\u201d for at se, hvad jeg kan.',

  'help.ask.name': 'et spørgsmål om reglerne',
  'help.ask.description': 'For eksempel \u201chvor mange dage før mødet sendes dagsordenen?\u201d. Jeg svarer ud fra rådets regler og viser, hvor svaret kommer fra.',

  'qa.ruleHeading': 'Reglen ({language})',
  'qa.showFullRule': 'Vis hele reglen',
  'qa.openSource': 'Åbn kildedokumentet',
  'qa.citation.document': 'Dokument',
  'qa.citation.section': 'Afsnit',
  'qa.citation.date': 'Dato',
  'qa.related': 'Relaterede spørgsmål',
  'qa.didYouMean': 'Jeg er ikke sikker på, hvad du mener. Mente du et af disse?',
  'qa.didYouMeanFooter': 'Hvis ingen af dem passer, så spørg {secretary}.',
  'qa.unknown':
    'Jeg ved ikke svaret på \u201c{text}\u201d: det står ikke i reglerne for {council}, som jeg har dem, og jeg gætter ikke. Spørg gerne {secretary}. Skriv \u201chjælp\u201d for at se, hvad jeg kan.',
  'qa.original.sv': 'på svensk, som den er skrevet',
  'qa.original.da': 'på dansk, som den er skrevet',
  'qa.original.en': 'på engelsk, som den er skrevet',

  'error.generic':
    'Noget gik galt hos mig, og jeg kunne ikke gøre det færdigt. Prøv igen om lidt; hvis det bliver ved, så kontakt {secretary}.',

  'contact.email': '{name} ({email})',
  'contact.phone': '{name} (telefon {phone})',
  'contact.emailPhone': '{name} ({email}, telefon {phone})',
};

export const catalogues: Record<Language, Catalogue> = { en, sv, da };

export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills its {placeholders}; a placeholder without a value stays visible. */
export function t(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
