import MiniSearch from 'minisearch';
import { LANGUAGES, type Language } from '../i18n/language.ts';
import { ABSTAIN, type FaqEntry, type KnowledgeBase, type RuleSection } from './base.ts';
import { TermClassifier, type Example, type Prediction } from './classifier.ts';
import type { Analyzer } from './lexicon.ts';
import { detectLanguage, sentences, words } from './text.ts';

export type QaResult =
  | { kind: 'answer'; entry: FaqEntry; related: FaqEntry[]; language: Language; confidence: number }
  | { kind: 'suggest'; suggestions: FaqEntry[]; language: Language; confidence: number }
  | { kind: 'abstain'; language: Language; confidence: number };

/**
 * Confidence in [0, 1]; the thresholds were set on the asked questions (councils/<id>/asked.yaml,
 * each scored by engines that had not learned it) and checked on tests/qa/holdout.yaml, which was
 * not used for tuning. A clear answer must also beat the runner-up by `margin` (or, when the
 * runner-up is one of its related entries, shown with the answer, reach `relatedAnswer`), and the
 * question must say enough (`information`: the summed weight of the terms the rules know; one
 * common word such as "möte" is not enough), else the asker chooses among suggestions.
 */
export const SCORING = {
  answer: 0.45,
  suggest: 0.44,
  margin: 0.02,
  information: 2,
  // How far ahead an exact match with a variant must be to be answered although it says little.
  exactMargin: 0.25,
  // How confident an answer must be to be given although a related entry comes as close (that
  // entry is offered with the answer); below it, the asker chooses.
  relatedAnswer: 0.6,
  // Words no rule uses and the lexicon does not know say the question is about something else:
  // they weigh this much more.
  unknownWeight: 1.15,
  // How much the best-matching question variant counts against the entry's whole text.
  variantWeight: 0.7,
  // An entry's short answer says, in each language, what the entry is about, in other words than
  // its question variants: each sentence counts as a variant worth this much, and only when it
  // shares at least `answerSharedWords` words with the question, so that one rare word of a long
  // answer ("time" in "when there is no time to consult") decides nothing.
  answerSentenceWeight: 0.8,
  answerSharedWords: 2,
  // A word's own stem next to its concept ("formandskabet" beside c:chair): enough to tell
  // entries about the same concept apart, too little to outweigh the meaning.
  surfaceWeight: 0.4,
};
/**
 * The learned classifier (classifier.ts) chooses the entry once the council has `minAskedPerEntry`
 * asked questions per entry: with fewer, it knows less than the rules' own words (on the last 800
 * asked questions of each council, it overtakes the similarity ranking between 250 and 500 asked
 * questions learned from, of some 26 entries). Below `answer`, the asker chooses among the entries
 * it finds at least `suggest` likely. Where the similarity ranking finds nothing relevant, only a
 * classifier at least `overrule` sure of an entry answers, and only if it finds the question less
 * than `overruleDoubt` likely to be one the rules do not answer: a situation told at length ("vi
 * stemte fire mod fire, hvad gælder nu") has many words no entry uses, and the ranking alone would
 * give up on it. A question that says little needs a classifier at least `sure`. `closeCall` and
 * `rankedSure`: when the similarity ranking settles the classifier's choice (settleWithRanking).
 */
export const LEARNED = { minAskedPerEntry: 20, answer: 0.3, suggest: 0.1, overrule: 0.6, overruleDoubt: 0.2, sure: 0.9, closeCall: 0.3, rankedSure: 0.85 };
const MAX_SUGGESTIONS = 3;
// Members ask the same questions again and again (the related-question and "did you mean" buttons
// send exactly the same text), and the answer depends only on the text: remember recent ones.
const REMEMBERED_ANSWERS = 2_000;

type Doc = { id: string; questions: string; text: string };
/** A question's or sentence's terms, each once: only ever read through, so an array, cheaper than a Set to make. */
type Terms = readonly string[];
/**
 * An entry with its ways of asking (curated and asked) and answer sentences as terms, each with its
 * norm (the length of its vector of term weights, set once the weights are final); `all`: every
 * term of its text and variants.
 */
type Indexed = { entry: FaqEntry; variants: Weighed[]; answerSentences: Weighed[]; all: Set<string> };
/** Terms with their norm and their id among everything a question is compared with (both set once the weights are final). */
type Weighed = { terms: Terms; norm: number; id: number };
/**
 * What a question shares with each variant, answer sentence and out-of-scope question, by its id:
 * the summed squared weights of the shared terms, and how many of them are words.
 */
type Overlap = { shared: Float64Array; sharedWords: Uint16Array };
/** Terms not yet weighed: readAsked sets the norm and id of every one once the weights are final. */
const unweighed = (terms: Terms): Weighed => ({ terms, norm: 0, id: -1 });

/** The terms, each once; most questions repeat none, and then the array itself is the answer. */
function distinct(terms: readonly string[]): Terms {
  for (let i = 1; i < terms.length; i++) {
    if (terms.lastIndexOf(terms[i]!, i - 1) !== -1) return [...new Set(terms)];
  }
  return terms;
}

/** How the classifier's terms of a question's first and second clause are told apart from its whole's. */
const SITUATION_MARK = '<';
const QUESTION_MARK = '>';

/**
 * The classifier's choice, settled by the similarity ranking where it answers with the
 * classifier's runner-up. The ranking weighs the rule texts and rare words the classifier sees as
 * one among many, so it settles two entries nearly as likely to the classifier (the council's
 * purpose or its tasks, the agenda's preparation or the secretariat). And where the classifier
 * leans to "out of scope" for a question of a few words, which tells it little against the many
 * words of the questions the rules do not answer ("har formanden den afgørende stemme"), a ranking
 * all but sure of the runner-up answers with it.
 */
export function settleWithRanking(best: Prediction, others: readonly Prediction[], similar: QaResult): Prediction {
  const second = others[0];
  if (second === undefined || second.label === ABSTAIN || similar.kind !== 'answer' || similar.entry.id !== second.label) return best;
  const settles = best.label === ABSTAIN ? similar.confidence >= LEARNED.rankedSure : best.p - second.p < LEARNED.closeCall;
  return settles ? second : best;
}

export class QaEngine {
  private readonly index: MiniSearch<Doc>;
  private readonly indexed = new Map<string, Indexed>();
  private readonly documentFrequency = new Map<string, number>();
  // Weights depend only on the fixed index; scoring asks for the same ones many times per question.
  private readonly weights = new Map<string, number>();
  private readonly answers = new Map<string, QaResult>();
  /** Questions people asked that the rules do not answer, as terms. */
  private readonly outOfScope: Weighed[] = [];
  /**
   * For each term, the ids of the variants, answer sentences and out-of-scope questions holding it:
   * a question is compared with the thousands of them through its own few terms instead of
   * through each of theirs (in the benchmark, per question p50 2.2–2.6 → 0.5 ms, p99 5.0–5.6 → 1.5 ms).
   */
  private readonly postings = new Map<string, number[]>();
  private weighedCount = 0;
  /** Every way of asking, as terms with what it asks: what the classifier learns from (let go once it has). */
  private examples: Example[] = [];
  /**
   * The entries' own question variants as examples. The classifier learns them after the asked
   * questions: the order its examples are shuffled from decides the model, and this is the order
   * its thresholds were set with.
   */
  private curatedExamples: Example[] = [];
  private askedRead = false;
  /** The examples that are questions of two clauses, whose clauses the classifier also learns from. */
  private twoClauses: { example: number; question: string; language: Language | undefined }[] = [];
  private classifier?: TermClassifier;
  /** Whether the council has been asked enough to learn from (see LEARNED). */
  readonly learns: boolean;

  /** The council's own place name means its municipality: "i Lund" says what "i kommunen" says. */
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly analyzer: Analyzer,
  ) {
    this.aliases = new Map(kb.places.map((p) => [p, 'municipality']));
    this.index = new MiniSearch<Doc>({
      fields: ['questions', 'text'],
      // Documents and questions are analysed into terms beforehand (concepts and stems).
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
      searchOptions: { boost: { questions: 2 }, combineWith: 'OR' },
    });
    // The index holds the rules, the answers and the entries' own questions. The questions people
    // asked are read with the classifier's training, once the bot is listening (readAsked): there
    // are thousands, and reading them is most of what building everything would take.
    const docs: Doc[] = [];
    for (const entry of kb.entries) {
      const curated = LANGUAGES.flatMap((l) => entry.questions[l].map((q) => distinct(this.terms(q, l))));
      for (const terms of curated) this.curatedExamples.push({ terms, label: entry.id });
      const variants = curated.map(unweighed);
      const answerSentences = LANGUAGES.flatMap((l) => sentences(entry.answer[l]).map((s) => unweighed(distinct(this.terms(s, l)))));
      const sectionText = entry.sections.flatMap((id) => kb.sections.get(id)?.paragraphs ?? []).join(' ');
      const textTerms = [
        ...LANGUAGES.flatMap((l) => this.terms(entry.answer[l], l)),
        ...this.terms(sectionText, kb.language),
      ];
      const all = new Set(textTerms);
      for (const variant of curated) for (const term of variant) all.add(term);
      this.indexed.set(entry.id, { entry, variants, answerSentences, all });
      for (const term of all) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      // The entry's own words: BM25 over them breaks ties between equally confident entries. The
      // asked questions' words need no place in it (`all` finds the entries sharing a term with a
      // question), and thousands of them would only slow the build.
      docs.push({ id: entry.id, questions: curated.flat().join(' '), text: textTerms.join(' ') });
    }
    this.index.addAll(docs);
    this.learns = kb.asked.length >= LEARNED.minAskedPerEntry * kb.entries.length;
  }

  /**
   * Reads the asked questions and trains the classifier that chooses among entries, unless done
   * already. Together they take several times as long as building the index, so the bot does them
   * once it is listening; a question asked before waits for them, and every answer comes from the
   * same trained model.
   */
  learn(): TermClassifier | undefined {
    this.readAsked();
    if (this.learns && !this.classifier) {
      for (const { example, question, language } of this.twoClauses) {
        const { terms, label } = this.examples[example]!;
        this.examples[example] = { terms: [...terms, ...this.clauseTerms(question, language)], label };
      }
      this.classifier = TermClassifier.train([...this.examples, ...this.curatedExamples], [...this.indexed.keys(), ABSTAIN]);
      this.examples = [];
      this.curatedExamples = [];
      this.twoClauses = [];
    }
    return this.classifier;
  }

  /**
   * Reads the questions people asked, once: each is one more way of asking its entry (or of asking
   * what the rules do not answer), read as a question is, in its own language where that shows. One
   * array of distinct terms per question serves the ranking and the classifier (which counts a term
   * once anyway): there are thousands, and what is kept is what collecting garbage while reading has
   * to copy. Every answer comes after this (learn() calls it, and so does every question).
   */
  readAsked(): void {
    if (this.askedRead) return;
    this.askedRead = true;
    for (const a of this.kb.asked) {
      const tokens = words(a.q);
      const language = detectLanguage(tokens);
      const terms = distinct(this.analyzer.analyze(tokens, language, false, this.aliases));
      // The clauses of a two-clause question are read when the classifier learns: only it uses them.
      if (a.q.includes(',')) this.twoClauses.push({ example: this.examples.length, question: a.q, language });
      this.examples.push({ terms, label: a.expect });
      if (a.expect === ABSTAIN) {
        this.outOfScope.push(unweighed(terms));
        continue;
      }
      const item = this.indexed.get(a.expect);
      if (!item) continue;
      item.variants.push(unweighed(terms));
      for (const term of terms) {
        if (item.all.has(term)) continue;
        item.all.add(term);
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
    // Weights follow the document frequencies, which the asked questions' terms have just changed;
    // they are final now, and so are the norms every question is compared with and the postings
    // it is compared through.
    this.weights.clear();
    const weighedAll = [...this.outOfScope, ...[...this.indexed.values()].flatMap((item) => [...item.variants, ...item.answerSentences])];
    weighedAll.forEach((weighed, id) => {
      weighed.norm = this.norm(weighed.terms);
      weighed.id = id;
      for (const term of weighed.terms) {
        const ids = this.postings.get(term);
        if (ids) ids.push(id);
        else this.postings.set(term, [id]);
      }
    });
    this.weighedCount = weighedAll.length;
  }

  private norm(terms: Terms): number {
    let sum = 0;
    for (const t of terms) sum += this.weight(t) ** 2;
    return Math.sqrt(sum);
  }

  /** Rule texts, answers and variants as terms: exact words only, no typo tolerance. */
  private terms(text: string, language: Language): string[] {
    return this.analyzer.analyze(words(text), language, false, this.aliases);
  }

  get size(): number {
    return this.indexed.size;
  }

  entry(id: string): FaqEntry | undefined {
    return this.indexed.get(id)?.entry;
  }

  section(id: string): RuleSection | undefined {
    return this.kb.sections.get(id);
  }

  /**
   * Rare terms say more about what is asked; a word neither the rules nor the lexicon know weighs
   * most of all. A number or a council word these rules happen not to use ("räcker det med tre
   * möten?") is still a question about the council, and weighs as any rare term.
   */
  private weight(term: string): number {
    const known = this.weights.get(term);
    if (known !== undefined) return known;
    const n = this.indexed.size;
    const df = this.documentFrequency.get(term) ?? 0;
    const w = Math.log(1 + n / (1 + df)) * (df === 0 && term.startsWith('s:') ? SCORING.unknownWeight : 1);
    const weighted = term.startsWith('w:') ? w * SCORING.surfaceWeight : w;
    if (this.weights.size < 50_000) this.weights.set(term, weighted);
    return weighted;
  }

  /** What the question shares with each one in `postings`; its words are concepts or stems, not a concept's surface word again. */
  private overlap(query: Set<string>): Overlap {
    const shared = new Float64Array(this.weighedCount);
    const sharedWords = new Uint16Array(this.weighedCount);
    for (const t of query) {
      const ids = this.postings.get(t);
      if (!ids) continue;
      const squared = this.weight(t) ** 2;
      const word = !t.startsWith('w:');
      for (const id of ids) {
        shared[id]! += squared;
        if (word) sharedWords[id]!++;
      }
    }
    return { shared, sharedWords };
  }

  /** Cosine similarity of the question with one variant, answer sentence or out-of-scope question. */
  private cosine(overlap: Overlap, queryNorm: number, weighed: Weighed): number {
    return weighed.norm > 0 ? overlap.shared[weighed.id]! / (weighed.norm * queryNorm) : 0;
  }

  /**
   * `nearest`: how close the entry's closest question variant (curated or asked) comes; `exact`:
   * one of them says exactly what the question says.
   */
  private score(query: Set<string>, overlap: Overlap, queryNorm: number, item: Indexed): { confidence: number; exact: boolean; nearest: number } {
    let nearest = 0;
    for (const variant of item.variants) nearest = Math.max(nearest, this.cosine(overlap, queryNorm, variant));
    const exact = nearest > 0.999;
    let best = nearest;
    for (const sentence of item.answerSentences) {
      if (overlap.sharedWords[sentence.id]! < SCORING.answerSharedWords) continue;
      best = Math.max(best, SCORING.answerSentenceWeight * this.cosine(overlap, queryNorm, sentence));
    }
    let covered = 0;
    let total = 0;
    for (const t of query) {
      const w = this.weight(t);
      total += w;
      if (item.all.has(t)) covered += w;
    }
    const confidence = SCORING.variantWeight * best + (1 - SCORING.variantWeight) * (total > 0 ? covered / total : 0);
    return { confidence, exact, nearest };
  }

  /** Answers a question in the asker's language: the language it is written in, else `fallback`. */
  ask(question: string, fallback: Language): QaResult {
    const key = `${fallback}\u0000${question.trim().toLowerCase()}`;
    const known = this.answers.get(key);
    if (known) {
      // Least recently used goes first: move this one to the end.
      this.answers.delete(key);
      this.answers.set(key, known);
      return known;
    }
    const result = this.answer(question, fallback);
    if (this.answers.size >= REMEMBERED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, result);
    return result;
  }

  private answer(question: string, fallback: Language): QaResult {
    // What the council was asked weighs in every answer: read it (and learn from it) first.
    this.learn();
    // Words are read in the question's own language only when it shows; a short question ("står
    // rådet i loven") is read under all three, though answered in the asker's.
    const tokens = words(question);
    const detected = detectLanguage(tokens);
    const language = detected ?? fallback;
    const terms = this.analyzer.analyze(tokens, detected, true, this.aliases);
    if (this.analyzer.asksWhoHoldsAPost(tokens, terms, detected)) return { kind: 'abstain', language, confidence: 0 };
    // A word's own stem only sharpens a concept the rules use in those very words; where they do
    // not, the concept alone speaks (so an English question about Danish rules loses nothing).
    const query = new Set(terms.filter((t) => !t.startsWith('w:') || this.documentFrequency.has(t)));
    if (query.size === 0) return { kind: 'abstain', language, confidence: 0 };
    return this.choose(query, this.bySimilarity(query, tokens, language), language, this.clauseTerms(question, detected));
  }

  /**
   * A question of two clauses ("ordföranden är sjuk, vem kallar till mötet") mostly tells a situation
   * and then asks: besides the whole question's terms, the classifier reads each clause's terms
   * marked by their clause (before the last comma, after it), and so learns what a word says in the
   * situation apart from what it says in the question. Such questions are a tenth of those asked but
   * were near a quarter of the misses (cross-validated, 86 of 366; with the clauses read, 69 of 353).
   */
  private clauseTerms(question: string, language: Language | undefined): string[] {
    const cut = question.lastIndexOf(',');
    if (cut < 0) return [];
    const read = (clause: string, mark: string) =>
      distinct(this.analyzer.analyze(words(clause), language, false, this.aliases)).map((t) => mark + t);
    return [...read(question.slice(0, cut), SITUATION_MARK), ...read(question.slice(cut + 1), QUESTION_MARK)];
  }

  /**
   * The classifier's choice of entry, where the similarity ranking finds the question relevant to
   * the rules (or the classifier is sure enough to overrule it); "did you mean" when it is unsure.
   */
  private choose(query: Set<string>, similar: QaResult, language: Language, clauses: readonly string[]): QaResult {
    if (!this.learns) return similar;
    const [best, ...others] = this.learn()!.predict(clauses.length > 0 ? [...query, ...clauses] : query);
    if (!best) return { kind: 'abstain', language, confidence: 0 };
    const chosen = settleWithRanking(best, others, similar);
    if (chosen.label === ABSTAIN) return { kind: 'abstain', language, confidence: chosen.p };
    if (similar.kind === 'abstain') {
      const outOfScope = others.find((o) => o.label === ABSTAIN)?.p ?? 0;
      if (best.p < LEARNED.overrule || outOfScope >= LEARNED.overruleDoubt) return similar;
    }
    const entry = this.indexed.get(chosen.label)!.entry;
    // A question that says little ("møde") asks nothing in particular, unless the similarity ranking
    // answers it with the same entry (it is one of the entry's own) or the classifier is all but
    // certain ("hvorfor er der et integrationsråd").
    const agreed = similar.kind === 'answer' && similar.entry.id === entry.id;
    if (agreed || (best.p >= LEARNED.answer && (best.p >= LEARNED.sure || this.information(query) >= SCORING.information))) {
      return this.answered(entry, language, chosen.p);
    }
    const suggestions = [entry, ...others.filter((o) => o.label !== ABSTAIN && o.p >= LEARNED.suggest).map((o) => this.indexed.get(o.label)!.entry)];
    // "Did you mean" with one button offers no choice: the answer card gives the asker the same
    // entry and its related questions besides.
    if (suggestions.length === 1 && best.p >= LEARNED.answer) return this.answered(entry, language, best.p);
    return { kind: 'suggest', suggestions: suggestions.slice(0, MAX_SUGGESTIONS), language, confidence: best.p };
  }

  /** How much the question says that the rules know of: the summed weight of its known terms. */
  private information(query: Set<string>): number {
    let sum = 0;
    for (const t of query) if (this.documentFrequency.has(t)) sum += this.weight(t);
    return sum;
  }

  /** The entry as the answer, with its related entries offered beside it. */
  private answered(entry: FaqEntry, language: Language, confidence: number): QaResult {
    const related = entry.related.map((id) => this.indexed.get(id)?.entry).filter((e): e is FaqEntry => e !== undefined);
    return { kind: 'answer', entry, related, language, confidence };
  }

  /** How well the question and each entry's words explain each other, and what that alone would answer. */
  private bySimilarity(query: Set<string>, tokens: readonly string[], language: Language): QaResult {
    const queryNorm = this.norm([...query]);
    const overlap = this.overlap(query);
    // The entries sharing a term with the question are ranked by how well question and entry
    // explain each other; BM25 over the entries' own words breaks ties.
    const queryTerms = [...query];
    const bm25 = new Map(this.index.search(queryTerms.join(' ')).map((hit) => [hit.id as string, hit.score]));
    const ranked = [...this.indexed.values()]
      .filter((item) => queryTerms.some((t) => item.all.has(t)))
      .map((item) => ({ item, bm25: bm25.get(item.entry.id) ?? 0, ...this.score(query, overlap, queryNorm, item) }))
      .sort((a, b) => b.confidence - a.confidence || b.bm25 - a.bm25);
    const best = ranked[0];
    if (!best || best.confidence < SCORING.suggest) return { kind: 'abstain', language, confidence: best?.confidence ?? 0 };
    // Closer to a question the rules were found not to answer than to any way of asking the best
    // entry: the same subject is asked again ("när öppnar simhallen på söndagar").
    const outOfScope = Math.max(0, ...this.outOfScope.map((o) => this.cosine(overlap, queryNorm, o)));
    if (outOfScope > best.nearest) return { kind: 'abstain', language, confidence: best.confidence };
    const runnerUp = ranked[1]?.confidence ?? 0;
    const information = this.information(query);
    // A short question can say too little to be sure of, unless it is a whole question that says
    // what one of the entry's own says ("varför finns integrationsrådet?") and nothing else comes
    // close. A bare word ("ledamöter") asks nothing in particular.
    const wholeQuestion = tokens.length >= 3;
    const saysEnough =
      information >= SCORING.information || (wholeQuestion && best.exact && best.confidence - runnerUp >= SCORING.exactMargin);
    // Neck and neck with an entry the council lists as related to it: the answer card offers that
    // one as a related question, so answering costs the asker nothing "did you mean" would give.
    const runnerUpEntry = ranked[1]?.item.entry;
    const relatedRunnerUp =
      runnerUpEntry !== undefined && best.item.entry.related.includes(runnerUpEntry.id) && best.confidence >= SCORING.relatedAnswer;
    if (best.confidence >= SCORING.answer && (best.confidence - runnerUp >= SCORING.margin || relatedRunnerUp) && saysEnough) {
      return this.answered(best.item.entry, language, best.confidence);
    }
    const suggestions = ranked
      .filter((r) => r.confidence >= SCORING.suggest)
      .slice(0, MAX_SUGGESTIONS)
      .map((r) => r.item.entry);
    return { kind: 'suggest', suggestions, language, confidence: best.confidence };
  }
}
