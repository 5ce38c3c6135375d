import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KnowledgeBase } from '../knowledge/base.ts';
import { QaEngine, type QaResult } from '../knowledge/engine.ts';
import type { Analyzer } from '../knowledge/lexicon.ts';
import { parseYaml } from '../yaml.ts';

const caseSchema = z.object({ council: z.string(), q: z.string(), expect: z.string() }).strict();
export type QaCase = z.infer<typeof caseSchema>;

export function readCases(file: string): QaCase[] {
  return z.array(caseSchema).parse(parseYaml(readFileSync(file, 'utf8')));
}

export type Prediction = { case: QaCase; predicted: string; result?: QaResult };

/**
 * What counts: an answerable question is right only when answered with the expected entry; an
 * out-of-scope one only when the engine abstains ("did you mean" is not abstaining).
 */
export function score(predictions: Prediction[]) {
  const answerable = predictions.filter((p) => p.case.expect !== 'abstain');
  const outOfScope = predictions.filter((p) => p.case.expect === 'abstain');
  const abstained = predictions.filter((p) => p.predicted === 'abstain');
  const correctAbstentions = abstained.filter((p) => p.case.expect === 'abstain').length;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    total: predictions.length,
    answerableAccuracy: ratio(answerable.filter((p) => p.predicted === p.case.expect).length, answerable.length),
    abstentionRecall: ratio(correctAbstentions, outOfScope.length),
    abstentionPrecision: ratio(correctAbstentions, abstained.length),
    overall: ratio(predictions.filter((p) => p.predicted === p.case.expect).length, predictions.length),
    wrong: predictions.filter((p) => p.predicted !== p.case.expect),
  };
}

export function predict(engines: ReadonlyMap<string, QaEngine>, c: QaCase): Prediction {
  const engine = engines.get(c.council);
  if (!engine) throw new Error(`no engine for council ${c.council}`);
  const result = engine.ask(c.q, 'en');
  const predicted = result.kind === 'answer' ? result.entry.id : result.kind === 'suggest' ? `suggest:${result.suggestions.map((s) => s.id).join(',')}` : 'abstain';
  return { case: c, predicted, result };
}

/** A council's asked questions as cases. */
export function askedCases(kb: KnowledgeBase): QaCase[] {
  return kb.asked.map((a) => ({ council: kb.councilId, q: a.q, expect: a.expect }));
}

/**
 * Every asked question, answered by engines that learned from the others only: each council's list
 * is cut into `folds` consecutive parts, and each part is asked of engines built without it.
 * Consecutive, because questions written together (one holdout round) resemble each other more
 * than questions written apart; leaving them out together is closer to meeting new askers.
 */
export function crossValidate(kbs: readonly KnowledgeBase[], analyzer: Analyzer, folds = 5): Prediction[] {
  const foldOf = (kb: KnowledgeBase, index: number) => Math.floor((index * folds) / kb.asked.length);
  const predictions: Prediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const engines = new Map(
      kbs.map((kb) => [kb.councilId, new QaEngine({ ...kb, asked: kb.asked.filter((_, i) => foldOf(kb, i) !== fold) }, analyzer)]),
    );
    for (const kb of kbs) {
      askedCases(kb).forEach((c, i) => {
        if (foldOf(kb, i) === fold) predictions.push(predict(engines, c));
      });
    }
  }
  return predictions;
}
