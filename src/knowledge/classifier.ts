/**
 * Which entry a question asks, learned from the ways each entry has been asked (its curated
 * variants, the questions people asked, and the questions the rules do not answer): multinomial
 * logistic regression over the analysed terms of a question, trained with AdaGrad.
 *
 * The similarity ranking (engine.ts) measures how much of a question an entry's words explain;
 * this learns which terms tell entries apart where the rules share words ("formandskab" and the
 * agenda, the council's purpose and its tasks), and so chooses better among close entries.
 */
export type Example = { terms: readonly string[]; label: string };
export type Prediction = { label: string; p: number };

/**
 * Set on the asked questions (cross-validated, and each round's holdout predicted from the rounds
 * before it); `minGradient` skips updates too small to matter, which makes training several times
 * faster without changing what it learns. `models` are trained on the same examples in different
 * orders and their probabilities averaged: one model's choice among close entries depends on the
 * order it met the examples in, and the average depends on it less: over three sets of seeds, three
 * models got 341–367 of the asked questions wrong where one got 365–381, and 3,523–3,527 of the
 * past holdouts' 3,675 answerable questions right where one got 3,515–3,521, at three times the
 * training.
 */
export const TRAINING = { epochs: 10, rate: 0.5, l2: 0.001, minGradient: 0.001, seed: 12345, models: 3 };

type Model = { weights: Float64Array; bias: Float64Array };
type Row = { ids: number[]; label: number };

export class TermClassifier {
  private constructor(
    private readonly labels: readonly string[],
    private readonly features: ReadonlyMap<string, number>,
    private readonly models: readonly Model[],
  ) {}

  static train(examples: readonly Example[], labels: readonly string[], options = TRAINING): TermClassifier {
    const features = new Map<string, number>();
    for (const e of examples) for (const t of e.terms) if (!features.has(t)) features.set(t, features.size);
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const rows = examples.map((e) => {
      const label = labelIndex.get(e.label);
      if (label === undefined) throw new Error(`example labelled "${e.label}", which is not one of the labels`);
      return { ids: [...new Set(e.terms)].map((t) => features.get(t)!), label };
    });
    // Fixed seeds: the same files always teach the same models, so answers do not vary by start.
    const models = Array.from({ length: options.models }, (_, m) => trainModel(rows, features.size, labels.length, options, options.seed + m));
    return new TermClassifier(labels, features, models);
  }

  /** Every label with its probability, most probable first; terms never seen in training count for nothing. */
  predict(terms: Iterable<string>): Prediction[] {
    const ids: number[] = [];
    for (const t of terms) {
      const id = this.features.get(t);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    const scores = new Float64Array(this.labels.length);
    const average = new Float64Array(this.labels.length);
    for (const model of this.models) {
      softmax(ids, model.weights, model.bias, scores);
      for (let c = 0; c < scores.length; c++) average[c]! += scores[c]! / this.models.length;
    }
    return this.labels.map((label, c) => ({ label, p: average[c]! })).sort((a, b) => b.p - a.p);
  }
}

/** One model, trained with AdaGrad on the rows in an order drawn from `seed`. */
function trainModel(examples: readonly Row[], featureCount: number, classes: number, options: typeof TRAINING, seed: number): Model {
  const rows = [...examples];
  const weights = new Float64Array(featureCount * classes);
  const squaredGradients = new Float64Array(featureCount * classes).fill(1e-8);
  const bias = new Float64Array(classes);
  const biasSquaredGradients = new Float64Array(classes).fill(1e-8);
  const scores = new Float64Array(classes);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    for (const row of rows) {
      softmax(row.ids, weights, bias, scores);
      for (let c = 0; c < classes; c++) {
        const gradient = scores[c]! - (c === row.label ? 1 : 0);
        if (Math.abs(gradient) < options.minGradient) continue;
        biasSquaredGradients[c]! += gradient * gradient;
        bias[c]! -= (options.rate * gradient) / Math.sqrt(biasSquaredGradients[c]!);
        for (const id of row.ids) {
          const k = id * classes + c;
          const g = gradient + options.l2 * weights[k]!;
          squaredGradients[k]! += g * g;
          weights[k]! -= (options.rate * g) / Math.sqrt(squaredGradients[k]!);
        }
      }
    }
  }
  return { weights, bias };
}

/** Class probabilities of one example into `out`. */
function softmax(ids: readonly number[], weights: Float64Array, bias: Float64Array, out: Float64Array): void {
  const classes = out.length;
  out.set(bias);
  for (const id of ids) for (let c = 0; c < classes; c++) out[c]! += weights[id * classes + c]!;
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < classes; c++) out[c]! /= sum;
}
