import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { QaEngine, QaResult } from '../knowledge/engine.ts';

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
