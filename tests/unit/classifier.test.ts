import { describe, expect, it } from 'vitest';
import { TermClassifier, TRAINING, type Example } from '../../src/knowledge/classifier.ts';

// Two subjects sharing the word "chair", told apart by the words around it, and questions about
// neither.
const examples: Example[] = [
  { terms: ['c:chair', 'c:agenda'], label: 'agenda' },
  { terms: ['c:chair', 'c:agenda', 'c:prepare'], label: 'agenda' },
  { terms: ['c:agenda', 'c:who'], label: 'agenda' },
  { terms: ['c:chair', 'c:vote', 'c:tie'], label: 'tie' },
  { terms: ['c:vote', 'c:tie'], label: 'tie' },
  { terms: ['c:chair', 'c:vote'], label: 'tie' },
  { terms: ['s:weather'], label: 'abstain' },
  { terms: ['s:swim', 'c:open'], label: 'abstain' },
];
const labels = ['agenda', 'tie', 'abstain'];

describe('the term classifier', () => {
  it('tells subjects that share a word apart by the words that differ', () => {
    const model = TermClassifier.train(examples, labels);
    expect(model.predict(['c:chair', 'c:agenda'])[0]!.label).toBe('agenda');
    expect(model.predict(['c:chair', 'c:tie'])[0]!.label).toBe('tie');
    expect(model.predict(['s:weather', 'c:open'])[0]!.label).toBe('abstain');
  });

  it('gives every label a probability, most probable first, summing to one', () => {
    const predictions = TermClassifier.train(examples, labels).predict(['c:vote']);
    expect(predictions.map((p) => p.label).sort()).toEqual([...labels].sort());
    expect(predictions.map((p) => p.p)).toEqual([...predictions.map((p) => p.p)].sort((a, b) => b - a));
    expect(predictions.reduce((sum, p) => sum + p.p, 0)).toBeCloseTo(1, 10);
    expect(predictions[0]!.label).toBe('tie');
  });

  it('learns the same from the same examples, so the bot answers the same after every start', () => {
    const a = TermClassifier.train(examples, labels).predict(['c:chair']);
    const b = TermClassifier.train(examples, labels).predict(['c:chair']);
    expect(b).toEqual(a);
  });

  it('gives terms it never saw no weight, and a term said twice no more than once', () => {
    const model = TermClassifier.train(examples, labels);
    expect(model.predict(['c:agenda', 's:unheard'])).toEqual(model.predict(['c:agenda']));
    expect(model.predict(['c:agenda', 'c:agenda'])).toEqual(model.predict(['c:agenda']));
  });

  it('averages models that met the examples in different orders', () => {
    const single = (seed: number) => TermClassifier.train(examples, labels, { ...TRAINING, models: 1, seed }).predict(['c:chair']);
    const singles = [0, 1, 2].map((m) => single(TRAINING.seed + m));
    const together = TermClassifier.train(examples, labels, { ...TRAINING, models: 3 }).predict(['c:chair']);
    for (const { label, p } of together) {
      const mean = singles.reduce((sum, predictions) => sum + predictions.find((q) => q.label === label)!.p, 0) / 3;
      expect(p).toBeCloseTo(mean, 12);
    }
    // The orders differ, and so do the models: averaging is not one model counted three times.
    expect(singles[1]).not.toEqual(singles[0]);
  });

  it('refuses an example whose label it was not given', () => {
    expect(() => TermClassifier.train([{ terms: ['c:x'], label: 'other' }], labels)).toThrow(/"other"/);
  });
});
