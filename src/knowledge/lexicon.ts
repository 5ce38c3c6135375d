import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stemmer as stemDa } from '@orama/stemmers/danish';
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemSv } from '@orama/stemmers/swedish';
import { z } from 'zod';
import { SHIPPED_COUNCILS_DIR } from '../councils/load.ts';
import type { Language } from '../i18n/language.ts';
import { formatIssues } from '../validation.ts';
import { parseYaml } from '../yaml.ts';
import { isStopword } from './text.ts';

const STEMMERS: Record<Language, (word: string) => string> = { sv: stemSv, da: stemDa, en: stemEn };

const word = z.string().regex(/^[\p{L}\p{N}.§-]+( [\p{L}\p{N}.§-]+)*$/u, 'must be a word or words separated by single spaces');
const lexiconSchema = z.record(
  z.string().regex(/^[a-z]+$/),
  z.object({ sv: z.array(word).min(1), da: z.array(word).min(1), en: z.array(word).min(1) }).strict(),
);

export const LEXICON_FILE = path.join(SHIPPED_COUNCILS_DIR, 'lexicon.yaml');

/**
 * What was worked out for each word (a stem, its terms), kept up to a bound: questions, and the asked
 * questions read at start-up, repeat the same words, and the result never changes; but the words
 * people type have no end, so the memory must.
 */
class WordMemo<T> {
  private readonly known = new Map<string, T>();
  constructor(private readonly bound: number) {}

  get(word: string): T | undefined {
    return this.known.get(word);
  }

  /** Keeps `value` for `word` while there is room, and gives it back. */
  remember(word: string, value: T): T {
    if (this.known.size < this.bound) this.known.set(word, value);
    return value;
  }
}
// Words per memo: the asked questions use some 4,000 different words; eight readings and four stem
// memos together stay near the 100,000 words the analyser kept before it had one memo per reading.
const MEMO_BOUND = 10_000;

/** Swedish and Danish definite and plural endings the snowball stemmers leave on ("mötet", "dagsordenen"). */
const ENDINGS = ['erna', 'arna', 'orna', 'erne', 'ene', 'en', 'et', 'an', 'na', 'er', 'ar', 'or', 'e', 'n', 's', 't'];
/**
 * Numbers written as words ("tre möten", "fire gange", "eleven members") read as the digits the
 * rules use. Words that are something else in another language ("to", "ni", "fire", "sex") count
 * only in their own.
 */
const NUMBER_WORDS: Record<Language, Record<string, number>> = {
  sv: { två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18, nitton: 19, tjugo: 20 },
  da: { to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12, tretten: 13, fjorten: 14, femten: 15, seksten: 16, sytten: 17, atten: 18, nitten: 19, tyve: 20 },
  en: { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20 },
};
const AMBIGUOUS_NUMBER_WORDS = new Set(['to', 'ni', 'fire', 'sex']);
// Maps, not the objects themselves: a word such as "constructor" is no number, though every object has one.
const NUMBERS = Object.fromEntries(Object.entries(NUMBER_WORDS).map(([l, table]) => [l, new Map(Object.entries(table))])) as Record<
  Language,
  Map<string, number>
>;
function numberWord(w: string, language: Language | undefined): number | undefined {
  if (language) return NUMBERS[language].get(w);
  if (AMBIGUOUS_NUMBER_WORDS.has(w)) return undefined;
  return NUMBERS.sv.get(w) ?? NUMBERS.da.get(w) ?? NUMBERS.en.get(w);
}

// After "last", the words that keep it the verb of how long something lasts ("last all day", "last
// for hours", "last the whole evening").
const LASTING = new Set(['all', 'for', 'about', 'around', 'as', 'until', 'till', 'longer', 'over', 'beyond', 'the', 'a', 'an', 'more', 'less', 'at', 'up', 'into', 'past', 'through', 'long']);

/** English "last" before a noun says which one ("last year", "the last bus"), not how long anything lasts. */
function saysWhichOne(next: string | undefined): boolean {
  return next !== undefined && !LASTING.has(next) && !/^\d/.test(next) && numberWord(next, 'en') === undefined;
}

const AGAINST = new Set(['mot', 'mod', 'against', 'to', 'vs']);

/**
 * "fem mot fem", "six against six", "4-4": a count told as the same number on either side is a tie,
 * whatever words the count is given in (a vote's sides are seldom told by the word "tie").
 */
function isEvenCount(token: string, next: string | undefined, after: string | undefined, language: Language | undefined): boolean {
  // Start-up reads some 100,000 words: the cheap tests come first, and nearly every word fails them.
  if (after === token && next !== undefined && AGAINST.has(next)) return /^\d+$/.test(token) || numberWord(token, language) !== undefined;
  if (!token.includes('-')) return false;
  const pair = /^(\d+)-(\d+)$/.exec(token);
  return pair !== null && pair[1] === pair[2];
}

// Words that tie a post to its body: "ordförande för", "medlem af", "chair of".
const OF = new Set(['för', 'i', 'på', 'af', 'for', 'of', 'in', 'on']);
// A post the asker calls their own ("min næstformand i foreningen") is someone they know, not a
// question of who holds it.
const POSSESSIVES = new Set(['min', 'mitt', 'mit', 'vår', 'vårt', 'vores', 'my', 'our']);
// The posts and bodies beside which "now" asks who holds a post at present.
const POSTS_AND_BODIES = new Set(['c:chair', 'c:vice', 'c:member', 'c:secretary', 'c:serve', 'c:board', 'c:citycouncil']);
// How æ/ä and ø/ö are written without them.
const RESPELL = { da: ['æ', 'ø'], sv: ['ä', 'ö'] } as const;
// Joining letters of Swedish and Danish compounds ("sammanträde-s-datum", "møde-r-").
const LINKS = ['s', 'e', ''];

function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

/**
 * Damerau–Levenshtein (optimal string alignment) distance, giving up early once it exceeds `max`.
 * Every question word unknown to the lexicon is compared with many lexicon words, so the three
 * rows it needs are kept between calls rather than allocated each time.
 */
let rowBuffers = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowBuffers[0]!.length <= b.length) rowBuffers = rowBuffers.map(() => new Int32Array(b.length * 2 + 1));
  let [beforePrevious, previous, current] = rowBuffers as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, beforePrevious[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

/**
 * Turns words into search terms: a concept ("c:notice") when the word means something the lexicon
 * knows in any of the three languages (with the word's own stem, "w:…", beside it), else a stem
 * ("s:…") of the word itself. Questions and rule texts go through the same analysis, which is what
 * lets "notice" find "kallelse".
 */
export class Analyzer {
  private readonly exact = new Map<string, string[]>();
  private readonly stemmed = new Map<string, string[]>();
  /** The first three letters of every stem in `stemmed`. */
  private readonly stemStarts = new Set<string>();
  /** The first three letters of every lexicon word and stem: the only ones a compound's head can begin with. */
  private readonly headStarts = new Set<string>();
  private readonly surfaces: string[] = [];
  /** The language each of `surfaces` is a word of. */
  private readonly surfaceLanguages: Language[] = [];
  /** Positions in `surfaces` by first letter: the only ones a typo can be of (see `fuzzy`). */
  private readonly surfacesByFirstLetter = new Map<string, number[]>();
  /** Terms of each word, per reading of it (typo tolerance on or off, and language). */
  private readonly terms = { fuzzy: Analyzer.readings(), exact: Analyzer.readings() };
  /** Each language's stem of each word: reading a word stems it several times over. */
  private readonly stemIn = { sv: new WordMemo<string>(MEMO_BOUND), da: new WordMemo<string>(MEMO_BOUND), en: new WordMemo<string>(MEMO_BOUND) };
  private readonly stemsOfAny = new WordMemo<string[]>(MEMO_BOUND);
  /** Multi-word entries ("till för", "how long"), by their first word. */
  private readonly phrases = new Map<string, { words: string[]; concepts: string[] }[]>();

  constructor(lexicon: z.infer<typeof lexiconSchema>) {
    for (const [concept, forms] of Object.entries(lexicon)) {
      for (const language of ['sv', 'da', 'en'] as const) {
        for (const surface of forms[language]) {
          const w = surface.toLowerCase();
          if (w.includes(' ')) {
            this.addPhrase(w.split(' '), concept);
            continue;
          }
          this.add(this.exact, w, concept);
          this.headStarts.add(w.slice(0, 3));
          for (const stem of this.stems(w)) {
            if (stem.length < 3) continue;
            this.add(this.stemmed, stem, concept);
            this.stemStarts.add(stem.slice(0, 3));
            this.headStarts.add(stem.slice(0, 3));
          }
          this.add(this.surfacesByFirstLetter, w[0]!, this.surfaces.length);
          this.surfaces.push(w);
          this.surfaceLanguages.push(language);
        }
      }
    }
  }

  private static readings(): Record<Language | 'unknown', WordMemo<string[]>> {
    return { sv: new WordMemo(MEMO_BOUND), da: new WordMemo(MEMO_BOUND), en: new WordMemo(MEMO_BOUND), unknown: new WordMemo(MEMO_BOUND) };
  }

  private addPhrase(phraseWords: string[], concept: string) {
    const list = this.phrases.get(phraseWords[0]!) ?? [];
    const existing = list.find((p) => p.words.join(' ') === phraseWords.join(' '));
    if (existing) existing.concepts.push(concept);
    else list.push({ words: phraseWords, concepts: [concept] });
    this.phrases.set(phraseWords[0]!, list);
  }

  private add<T>(map: Map<string, T[]>, key: string, value: T) {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  }

  /** Stems under the given language, or under all three when it is unknown. */
  private stems(w: string, language?: Language): string[] {
    if (language) return [this.stem(w, language)];
    // A word of unknown language is stemmed three times, and compounds are tried cut by cut, each
    // cut stemmed again: stemming is most of reading the asked questions at start-up.
    return this.stemsOfAny.get(w) ?? this.stemsOfAny.remember(w, [...new Set([this.stem(w, 'sv'), this.stem(w, 'da'), this.stem(w, 'en')])]);
  }

  /** A word's stem in one language; a word of unknown language gets the Swedish one. */
  private stem(w: string, language: Language | undefined): string {
    const lang = language ?? 'sv';
    const memo = this.stemIn[lang];
    return memo.get(w) ?? memo.remember(w, STEMMERS[lang](w));
  }

  /**
   * Concepts for one word without splitting or typo tolerance: exact, stemmed, or with an ending
   * removed. Stemming follows the question's language when known: Danish "timer" are hours, and
   * English "time" must not become one.
   */
  private direct(w: string, language?: Language): string[] | undefined {
    const exact = this.exact.get(w);
    if (exact) return exact;
    // The stemmers only change a word's end, and no stem kept is shorter than three letters: a word
    // whose first three letters begin no known stem stems to none. Stemming is most of the cost of
    // reading a new word (compounds are tried cut by cut), so such words skip it.
    const stemmable = this.stemStarts.has(w.slice(0, 3));
    const found = stemmable ? this.stemmedConcepts(w, language) : undefined;
    if (found) return found;
    if (language === 'en') return undefined;
    for (const ending of ENDINGS) {
      if (w.length - ending.length < 3 || !w.endsWith(ending)) continue;
      const base = w.slice(0, -ending.length);
      const inBase = this.exact.get(base) ?? (stemmable ? this.stemmedConcepts(base, language) : undefined);
      if (inBase) return inBase;
    }
    return undefined;
  }

  // A method rather than a closure in `direct`: start-up reads thousands of words, and a closure
  // made per word costs more than the lookup it wraps.
  // In a question whose language does not show, the stem that keeps most of the word wins: Swedish
  // stemming cuts "formanden" to "form", Danish to "formand" (the chair), and the longer says more.
  private stemmedConcepts(w: string, language: Language | undefined): string[] | undefined {
    let found: { stem: string; concepts: string[] } | undefined;
    for (const stem of this.stems(w, language)) {
      const concepts = this.stemmed.get(stem);
      if (concepts && (!found || stem.length > found.stem.length)) found = { stem, concepts };
    }
    return found?.concepts;
  }

  /**
   * Compounds: "föredragningslistan" is known whole, "sammanträdesdatum" is sammanträde + s + datum.
   * The head (left part) must be a known word; the last part may be any word of 5 letters or more
   * (a shorter unknown tail is usually a bad cut: "bostäder" is no "bost" + "äder"). With an unknown
   * tail, the head must be a lexicon word as written: a cut-off stem is often some other word's
   * ("indst-illing" is not "inden", "håll-barhet" not "hålla").
   */
  private compound(w: string, language: Language | undefined): { terms: string[]; whole: boolean } | undefined {
    // Every head begins the word and is known only as a lexicon word or stem (or one with an ending
    // removed, which begins the same): tried cut by cut, a word with no such beginning costs most.
    if (w.length < 7 || !this.headStarts.has(w.slice(0, 3))) return undefined;
    let partial: string[] | undefined;
    for (let cut = w.length - 3; cut >= 3; cut--) {
      const leftWord = w.slice(0, cut);
      const rightWord = w.slice(cut);
      // The tail is read only once a head is known: most cuts have none, and a tail, whose language
      // does not show, is stemmed three times over.
      let right: string[] | undefined;
      let rightRead = false;
      for (const link of LINKS) {
        if (link && !leftWord.endsWith(link)) continue;
        const head = leftWord.slice(0, leftWord.length - link.length);
        // A three-letter head must be a word itself ("råd"), not a stem ("ind-" of "inden" in "indbyggere").
        if (head.length < 3 || (head.length === 3 && !this.exact.has(head))) continue;
        const left = this.direct(head);
        if (!left) continue;
        if (!rightRead) {
          right = this.direct(rightWord);
          rightRead = true;
        }
        const leftTerms = left.map((c) => `c:${c}`);
        if (right) return { terms: [...new Set([...leftTerms, ...right.map((c) => `c:${c}`)])], whole: true };
        if (!partial && rightWord.length >= 5 && this.exact.has(head)) partial = [...leftTerms, this.stemTerm(rightWord, language)];
      }
    }
    return partial && { terms: partial, whole: false };
  }

  private stemTerm(w: string, language: Language | undefined): string {
    return `s:${this.stem(w, language)}`;
  }

  /** The word's own stem beside its concept: which of several words for one concept was used. */
  private surfaceTerm(w: string, language: Language | undefined): string {
    return `w:${this.stem(w, language)}`;
  }

  /**
   * Keyboards without å, æ, ø, ä, ö: Danes write "raadet", "moedet", Swedes "moetet". The word is
   * read with the letters put back when that makes it a known word.
   */
  private respelled(w: string, language: Language | undefined): string[] | undefined {
    if (language === 'en' || !/aa|ae|oe/.test(w) || this.direct(w, language)) return undefined;
    for (const [ae, oe] of language === 'sv' ? [RESPELL.sv] : language === 'da' ? [RESPELL.da] : [RESPELL.da, RESPELL.sv]) {
      const candidate = w.replaceAll('aa', 'å').replaceAll('ae', ae).replaceAll('oe', oe);
      const concepts = this.direct(candidate, language);
      if (concepts) return [...concepts.map((c) => `c:${c}`), this.surfaceTerm(candidate, language)];
    }
    return undefined;
  }

  /** The concepts of a word or, failing that, of its longest known tail: "byggnadsnämnden" is a nämnd. */
  private headConcepts(w: string, language: Language | undefined): string[] {
    const whole = this.direct(w, language);
    if (whole) return whole;
    for (let cut = 1; cut <= w.length - 4; cut++) {
      const tail = this.direct(w.slice(cut), language);
      if (tail) return tail;
    }
    return [];
  }

  /**
   * Questions about people rather than rules: who chairs or sits on another body ("vem är
   * ordförande för byggnadsnämnden", "kommunstyrelsens ordförande", "hvem er medlem af
   * kulturudvalget", "hvem er formand for fodboldklubben"), who holds a post right now ("hvem er
   * formand lige nu"), or who holds one of the municipality's political posts ("vem är
   * kommunalråd", "who is the mayor"). A council's rules say how its own posts are filled, never who
   * fills them or the municipality's other bodies.
   * `terms` are the question's terms as `analyze` read them.
   */
  asksWhoHoldsAPost(tokens: readonly string[], terms: readonly string[], language: Language | undefined): boolean {
    const asksWho = terms.includes('c:who');
    if (asksWho && terms.includes('c:officeholder')) return true;
    // "Now" asks who holds a post at present only beside a post or a body: "who may answer the
    // newspaper today" asks who may speak, not whose name.
    if (asksWho && terms.includes('c:now') && terms.some((t) => POSTS_AND_BODIES.has(t))) return true;
    const concepts = tokens.map((w) => this.direct(w, language) ?? []);
    const body = (w: string) => {
      const found = this.headConcepts(w, language);
      if (found.includes('council') || found.includes('group')) return 'own';
      return found.includes('board') || found.includes('citycouncil') || found.includes('association') ? 'other' : undefined;
    };
    for (let i = 0; i < tokens.length; i++) {
      // Members of the boards sit on the council by its composition; only "who" asks for names.
      const post = concepts[i]!.includes('chair') || (asksWho && concepts[i]!.includes('member'));
      const previous = tokens[i - 1];
      if (!post || (!asksWho && POSSESSIVES.has(previous ?? ''))) continue;
      if (previous && previous.length > 4 && previous.endsWith('s') && body(previous.slice(0, -1)) === 'other') return true;
      if (!OF.has(tokens[i + 1] ?? '')) continue;
      for (const w of tokens.slice(i + 2, i + 5)) {
        const kind = body(w);
        if (kind) return kind === 'other';
      }
    }
    return false;
  }

  /**
   * Typos: the nearest lexicon word with the same first letter, within 0 edits up to 4 letters, 1 up
   * to 8, 2 beyond. A word of an English question is a typo of an English word only, and one of a
   * Swedish or Danish question of a Swedish or Danish word: English "times" is no misspelt Danish
   * "timer" (hours), though Scandinavians write each other's spellings ("kaldelsen").
   */
  private fuzzy(w: string, language: Language | undefined): string[] | undefined {
    const max = allowedEdits(w.length);
    if (max === 0) return undefined;
    // People seldom mistype a word's first letter (short of swapping the first two); a different
    // first letter is more often a different word ("visst" is not "visit").
    const sameStart = this.surfacesByFirstLetter.get(w[0]!) ?? [];
    const swapped = w[1] === w[0] ? [] : (this.surfacesByFirstLetter.get(w[1]!) ?? []).filter((i) => this.surfaces[i]![1] === w[0]);
    // In lexicon order, so that of equally near words the first listed wins, as it always has.
    const candidates = swapped.length === 0 ? sameStart : [...sameStart, ...swapped].sort((a, b) => a - b);
    let best: { distance: number; surface: string } | undefined;
    for (const i of candidates) {
      if (language && (language === 'en') !== (this.surfaceLanguages[i] === 'en')) continue;
      const surface = this.surfaces[i]!;
      if (Math.abs(surface.length - w.length) > max || allowedEdits(surface.length) === 0) continue;
      const d = editDistance(w, surface, max);
      if (d <= max && (!best || d < best.distance)) best = { distance: d, surface };
    }
    return best && this.exact.get(best.surface);
  }

  /**
   * The terms of one word (cached: questions repeat the same words). Typo tolerance is for what
   * people type; rule texts are indexed with `fuzzy` off, which also keeps start-up fast.
   */
  analyzeWord(w: string, language: Language | undefined, fuzzy = true): string[] {
    return this.remembered(this.memoOf(language, fuzzy), w, language, fuzzy);
  }

  private memoOf(language: Language | undefined, fuzzy: boolean): WordMemo<string[]> {
    const readings = fuzzy ? this.terms.fuzzy : this.terms.exact;
    return language ? readings[language] : readings.unknown;
  }

  private remembered(memo: WordMemo<string[]>, w: string, language: Language | undefined, fuzzy: boolean): string[] {
    return memo.get(w) ?? memo.remember(w, this.termsOfWord(w, language, fuzzy));
  }

  private termsOfWord(w: string, language: Language | undefined, fuzzy: boolean): string[] {
    const number = numberWord(w, language);
    let terms: string[];
    if (number !== undefined) terms = [`n:${number}`];
    else if (isStopword(w) && !this.exact.has(w)) terms = [];
    // A hyphenated word the lexicon does not know whole ("ad-hoc" it does) is its parts:
    // "lök-överenskommelsen" is the LÖK agreement, not an unknown word.
    else if (w.includes('-') && !this.direct(w, language)) terms = w.split('-').flatMap((part) => this.analyzeWord(part, language, fuzzy));
    else terms = (fuzzy ? this.respelled(w, language) : undefined) ?? this.read(w, language, fuzzy);
    return terms;
  }

  /**
   * A content word: known whole beats a compound of known parts, which beats a typo of a known
   * word, which beats a compound whose last part is unknown.
   */
  private read(w: string, language: Language | undefined, fuzzy: boolean): string[] {
    const concepts = this.direct(w, language);
    if (concepts) return [...concepts.map((c) => `c:${c}`), this.surfaceTerm(w, language)];
    const compound = this.compound(w, language);
    const typo = compound?.whole || !fuzzy ? undefined : this.fuzzy(w, language);
    if (typo) return typo.map((c) => `c:${c}`);
    if (compound) return compound.terms;
    if (/^\d+$/.test(w) || w === '§') return [`n:${w}`];
    if (w.length < 3) return [];
    return [this.stemTerm(w, language)];
  }

  /**
   * The terms of a text's words. `aliases` are words of one council only ("lund" is that council's
   * municipality), taken as the concepts given instead of being analysed.
   */
  analyze(tokens: readonly string[], language: Language | undefined, fuzzy = true, aliases?: ReadonlyMap<string, string>): string[] {
    const terms: string[] = [];
    // Looked up once per text, not per word: start-up reads some 70,000 words.
    const memo = this.memoOf(language, fuzzy);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const alias = aliases?.get(token);
      if (alias) {
        terms.push(`c:${alias}`);
        continue;
      }
      if (token === 'last' && saysWhichOne(tokens[i + 1])) continue;
      if (isEvenCount(token, tokens[i + 1], tokens[i + 2], language)) {
        terms.push('c:equal', 'c:vote');
        i += 2;
        continue;
      }
      const phrase = this.phraseAt(tokens, i);
      if (phrase) {
        for (const concept of phrase.concepts) terms.push(`c:${concept}`);
        i += phrase.words.length - 1;
        continue;
      }
      const read = this.remembered(memo, token, language, fuzzy);
      for (let k = 0; k < read.length; k++) terms.push(read[k]!);
    }
    return terms;
  }

  /**
   * The first multi-word entry that begins at `tokens[start]`. Plain loops: some 370 words begin
   * one ("i", "kan", "meeting"), so start-up asks this for most of the 70,000 words it reads.
   */
  private phraseAt(tokens: readonly string[], start: number): { words: string[]; concepts: string[] } | undefined {
    const candidates = this.phrases.get(tokens[start]!);
    if (!candidates) return undefined;
    for (const phrase of candidates) {
      let k = 1;
      while (k < phrase.words.length && tokens[start + k] === phrase.words[k]) k++;
      if (k === phrase.words.length) return phrase;
    }
    return undefined;
  }
}

export class LexiconError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid lexicon:\n${problems.join('\n')}`);
  }
}

export function loadAnalyzer(file = LEXICON_FILE): Analyzer {
  const label = path.relative(process.cwd(), file) || file;
  const parsed = lexiconSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new LexiconError(formatIssues(parsed.error.issues, label));
  return new Analyzer(parsed.data);
}
