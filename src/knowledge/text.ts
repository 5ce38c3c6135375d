import type { Language } from '../i18n/language.ts';

/**
 * Words that carry no meaning for finding a rule: function words, question words, the most general
 * verbs and words that only frame a question ("kortfattat", "skyldig", the "huvud" of "över huvud
 * taget"), per language. Words a rule could be about ("möte", "notice") are never here. Saving
 * ("spara", "spare") is no rule's subject, and its stem is the one of Danish "sparring", which is;
 * nor is a man or husband (Danish "mand"), whose word is the Swedish stem of "mandat"; Danish
 * "næste" (next) is no "næst" (vice), which its definite ending would otherwise make it; what one
 * has "noticed" is no notice of a meeting, though the two share a stem.
 */
const STOPWORDS: Record<Language, string> = {
  sv: `och i att det som en på är av för med till den har de inte om ett han hon men var jag sig från vi så kan
    man när också efter eller nu bara någon några alla skulle ska skall måste får kunna kan vara blir bli
    blev hur vad vem vilka vilken vilket vilket varför var när där här dit hit detta denna dessa dem deras
    mitt min mina din dina vår våra er ert era sin sina sitt du ni mig dig oss er honom henne den det mycket
    utan under över mellan genom hos mot än då ju väl nog ja nej finns gör göra görs gjort ha hade haft
    säga säger sägs ges ge ger något någon ingen inget inga varje vilken mest fler flera annan andra
    sådan sådana också ännu redan alltid aldrig samt enligt inom utom kring om ur åt bakom
    jag vill veta undrar snälla tack hej händer hände sker ske varifrån kommer komma
    går gå gick gått gäller fått fick tar ta tog tagit behöver behövs brukar kunde borde egentligen
    alltså lite mer bra igen sedan sen själv själva hela helt olika egen eget egna in ut upp ner
    fram sätt slags sorts typ fatta fattar fattas fattat räcker räcka tillräckligt konkret konkreta ligger ligga
    kom kommit tas togs tagits lägger lägga lade lagt ifall beskriva beskriver viss visst vissa jobba jobbar jobbat
    förklara förklarar undrade ungefär kortfattat kort huvud överhuvudtaget skyldig skyldiga skyldigt tvungen tvunget tvungna ensam kvar vart
    spara sparar sparade sparat`,
  da: `og i at det som en på er af for med til den har de ikke om et han hun men var jeg sig fra vi så kan man
    når også efter eller nu kun nogen nogle alle skulle skal må kunne være bliver blive blev hvordan hvad
    hvem hvilke hvilken hvilket hvorfor hvor her der dette denne disse dem deres min mine din dine vores
    jeres sin sine sit du i mig dig os jer ham hende meget uden under over mellem gennem hos mod end da jo vel
    ja nej findes gør gøre gøres gjort have havde haft sige siger siges giver give nogen ingen intet hver
    flere anden andre sådan sådanne endnu allerede altid aldrig samt ifølge omkring ud ad bag
    jeg vil vide gerne tak hej sker ske skete ved hænder hvorfra kommer komme hvornår
    går gå gik gået gælder fået fik tager tage tog taget behøver behøves plejer burde egentlig
    altså lidt mere godt igen bagefter selv hele helt forskellige egen eget egne ind op ned
    frem slags slag type træffe træffer træffes nok tilstrækkeligt rækker hver hvert konkret konkrete ligger
    kom kommet tages toges lægger lægge lagde hvis beskrive beskriver vis vist visse
    forklare forklar kortfattet forventes forventer forpligtet forpligtede pligt nødt hen alene overhovedet omtrent cirka
    spare sparer sparede sparet mand manden næste`,
  en: `the a an and or of to in on at for with by from as is are was were be been being it its this that
    these those there here what which who whom whose why how when where do does did doing done have has had
    can could shall should will would may might must i you he she we they me him her us them my your his our
    their mine yours not no yes if then than so too very just only also any some all each every other others
    such into onto about over under between through during before after up down out off again further
    once get gets got please thanks hello hi want know tell me us whether anyone someone happen happens happened
    go goes went gone going take takes took taken need needs usually really actually bit more most well
    again then own put puts putting kind kinds sort become becomes became becoming make makes making
    like way thing things something anything still even much lot lots else around able sure
    everyone everybody supposed meant enough allowed allow permitted concretely specifically exactly
    describe describes specific particular single
    explain briefly obliged obligated alone roughly approximately concrete according noticed noticing`,
};

const stopwordSets: Record<Language, Set<string>> = {
  sv: new Set(STOPWORDS.sv.split(/\s+/).filter(Boolean)),
  da: new Set(STOPWORDS.da.split(/\s+/).filter(Boolean)),
  en: new Set(STOPWORDS.en.split(/\s+/).filter(Boolean)),
};

// "before" is a stopword in English grammar but a signal in questions about deadlines.
stopwordSets.en.delete('before');

export function isStopword(word: string): boolean {
  return stopwordSets.sv.has(word) || stopwordSets.da.has(word) || stopwordSets.en.has(word);
}

const WORD = /[\p{L}\p{N}§]+(?:[.-][\p{L}\p{N}]+)*/gu;
// The same for lower-case Latin-1 text, which is what the councils' languages are written in: a
// plain character class reads it in a third of the time, and start-up reads thousands of questions.
const LATIN1_WORD = /[0-9a-zªµºß-öø-ÿ²³¹¼-¾§]+(?:[.-][0-9a-zªµºß-öø-ÿ²³¹¼-¾]+)*/g;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** Lower-case words, with § and digits kept ("§ 42", "14"), punctuation dropped. */
export function words(text: string): string[] {
  let lower = text.normalize('NFC').toLowerCase();
  // "what's", "council's": the clitic says nothing, and left on it hides the word ("whats"). Most
  // texts have no apostrophe, and start-up reads thousands of them.
  if (lower.includes("'") || lower.includes('’')) lower = lower.replace(/(\p{L})[’']s\b/gu, '$1').replace(/[’']/g, '');
  return lower.match(BEYOND_LATIN1.test(lower) ? WORD : LATIN1_WORD) ?? [];
}

/** A text's sentences: a full stop, question or exclamation mark, then a capital letter. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
}

// Which languages have each function word, as bits: one lookup per word instead of three.
const SV = 1;
const DA = 2;
const EN = 4;
const functionWordLanguages = new Map<string, number>();
for (const [language, bit] of [['sv', SV], ['da', DA], ['en', EN]] as const) {
  for (const w of stopwordSets[language]) functionWordLanguages.set(w, (functionWordLanguages.get(w) ?? 0) | bit);
}

/**
 * Guesses the language of a question from its words (as `words` gives them): function words and
 * letters (ä/ö are Swedish, æ/ø Danish; å is both); undefined when the evidence is too thin to tell.
 */
export function detectLanguage(tokens: readonly string[]): Language | undefined {
  // Runs for every asked question at start-up, hence plain counters rather than a sorted table.
  let sv = 0;
  let da = 0;
  let en = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const bits = functionWordLanguages.get(token) ?? 0;
    if (bits & SV) sv += 1;
    if (bits & DA) da += 1;
    if (bits & EN) en += 1;
    if (token.includes('ä') || token.includes('ö')) sv += 2;
    if (token.includes('æ') || token.includes('ø')) da += 2;
  }
  // The one language with the most evidence; none when two share the lead.
  if (sv > da && sv > en) return 'sv';
  if (da > sv && da > en) return 'da';
  if (en > sv && en > da) return 'en';
  return undefined;
}
