/**
 * Multinomial naive Bayes for short texts, made fit for imbalanced intents: uniform class priors, class-balanced
 * counts, Lidstone smoothing, and a length-normalised score (mean log-likelihood per known feature) turned into
 * probabilities by a softmax whose temperature is fitted on out-of-fold predictions. Training is one counting
 * pass, so it is fast and deterministic.
 */
import type { Example, LabelScore, TextClassifier } from './classifier.js';

/** Naive Bayes knobs. */
export interface NaiveBayesOptions {
  /** Lidstone smoothing (default 0.1). */
  alpha?: number;
  /** Folds used to fit the temperature; 0 or 1 skips calibration (default 5). */
  calibrationFolds?: number;
}

interface Counts {
  /** log θ per feature and class, feature-major (`index * K + k`). */
  logTheta: Float64Array;
}

function count<L extends string>(
  examples: readonly Example<L>[],
  labels: readonly L[],
  vocab: ReadonlyMap<string, number>,
  alpha: number,
): Counts {
  const K = labels.length;
  const V = vocab.size;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const classWeight = new Float64Array(K);
  for (const e of examples) classWeight[labelIndex.get(e.label)!]! += e.weight ?? 1;
  const n = new Float64Array(V * K);
  const totals = new Float64Array(K);
  // Each class weighs as much as an average class (N/K lines), however many lines it has.
  const perClass = examples.length / K;
  for (const e of examples) {
    const k = labelIndex.get(e.label)!;
    const w = ((e.weight ?? 1) * perClass) / classWeight[k]!;
    for (const f of new Set(e.features)) {
      const i = vocab.get(f);
      if (i === undefined) continue;
      n[i * K + k]! += w;
      totals[k]! += w;
    }
  }
  const logTheta = new Float64Array(V * K);
  for (let k = 0; k < K; k++) {
    const denom = Math.log(totals[k]! + alpha * V);
    for (let i = 0; i < V; i++) logTheta[i * K + k] = Math.log(n[i * K + k]! + alpha) - denom;
  }
  return { logTheta };
}

function scoresOf(c: Counts, idx: readonly number[], K: number): Float64Array {
  const z = new Float64Array(K);
  if (idx.length === 0) return z;
  for (const i of idx) {
    const base = i * K;
    for (let k = 0; k < K; k++) z[k]! += c.logTheta[base + k]!;
  }
  for (let k = 0; k < K; k++) z[k]! /= idx.length;
  return z;
}

function softmax(z: Float64Array, temperature: number): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = Array.from(z, (v) => Math.exp((v - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** A trained naive Bayes classifier. Create with {@link NaiveBayesClassifier.train}. */
export class NaiveBayesClassifier<L extends string> implements TextClassifier<L> {
  private constructor(
    readonly labels: readonly L[],
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly counts: Counts,
    readonly temperature: number,
  ) {}

  /** Trains on `examples`; labels with no example are left out of the model. */
  static train<L extends string>(examples: readonly Example<L>[], options: NaiveBayesOptions = {}): NaiveBayesClassifier<L> {
    const labels = [...new Set(examples.map((e) => e.label))].sort() as L[];
    if (labels.length === 0) throw new Error('NaiveBayesClassifier.train: no training examples');
    const alpha = options.alpha ?? 0.1;
    const folds = options.calibrationFolds ?? 5;
    const vocab = new Map<string, number>();
    for (const e of examples) for (const f of e.features) if (!vocab.has(f)) vocab.set(f, vocab.size);
    const K = labels.length;

    let temperature = 1;
    if (folds > 1 && examples.length >= folds * 4 && K > 1) {
      const oof: { z: Float64Array; y: number; w: number }[] = [];
      const labelIndex = new Map(labels.map((l, i) => [l, i]));
      const classSize = new Map<L, number>();
      for (const e of examples) classSize.set(e.label, (classSize.get(e.label) ?? 0) + 1);
      for (let f = 0; f < folds; f++) {
        const train = examples.filter((_, i) => i % folds !== f);
        const foldVocab = new Map<string, number>();
        for (const e of train) for (const ft of e.features) if (!foldVocab.has(ft)) foldVocab.set(ft, foldVocab.size);
        const c = count(train, labels, foldVocab, alpha);
        examples.forEach((e, i) => {
          if (i % folds !== f) return;
          const idx = e.features.map((ft) => foldVocab.get(ft)).filter((x): x is number => x !== undefined);
          // Weighted by inverse class size, so the temperature suits every class, not just the big ones.
          oof.push({ z: scoresOf(c, [...new Set(idx)], K), y: labelIndex.get(e.label)!, w: 1 / classSize.get(e.label)! });
        });
      }
      let bestLoss = Infinity;
      for (let t = 0.005; t <= 1.0; t *= 1.08) {
        let loss = 0;
        for (const o of oof) loss -= o.w * Math.log(Math.max(softmax(o.z, t)[o.y]!, 1e-12));
        if (loss < bestLoss) {
          bestLoss = loss;
          temperature = t;
        }
      }
    }
    return new NaiveBayesClassifier(labels, vocab, count(examples, labels, vocab, alpha), Number(temperature.toPrecision(3)));
  }

  knows(feature: string): boolean {
    return this.vocab.has(feature);
  }

  classify(features: readonly string[]): LabelScore<L>[] {
    const idx = new Set<number>();
    for (const f of features) {
      const i = this.vocab.get(f);
      if (i !== undefined) idx.add(i);
    }
    const p = softmax(scoresOf(this.counts, [...idx], this.labels.length), this.temperature);
    return this.labels.map((label, k) => ({ label, p: p[k]! })).sort((a, b) => b.p - a.p);
  }

  get featureCount(): number {
    return this.vocab.size;
  }
}
