/**
 * Multinomial logistic regression (softmax) over sparse binary features, trained with AdaGrad SGD.
 * Class-balanced example weights keep large classes from swamping small ones; the softmax temperature is fitted
 * on out-of-fold predictions so the confidences mean what they say. Training is deterministic (seeded shuffle).
 */

import type { Example, LabelScore, TextClassifier } from './classifier.js';

/** Training knobs; the defaults suit a few thousand short utterances. */
export interface TrainOptions {
  /** Passes over the data (default 12). */
  epochs?: number;
  /** AdaGrad base learning rate (default 0.4). */
  learningRate?: number;
  /** L2 penalty per update (default 1e-3). */
  l2?: number;
  /** Every k-th example is held out to fit the temperature; 0 or 1 skips calibration (default 5). */
  calibrationFolds?: number;
  /** Shuffle seed (default 1). */
  seed?: number;
  /** Features must occur in at least this many examples (default 2). */
  minCount?: number;
}


/** Deterministic PRNG (mulberry32), so the same data always trains the same model. */
/** Gradients smaller than this are not applied (saves most of the training time, changes nothing measurable). */
const SKIP = 1e-3;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoded {
  idx: Int32Array;
  y: number;
  w: number;
}

interface Weights {
  w: Float32Array;
  b: Float64Array;
}

/** A trained softmax classifier. Create with {@link SoftmaxClassifier.train}. */
export class SoftmaxClassifier<L extends string> implements TextClassifier<L> {
  private readonly seen: Uint32Array;
  private stampCounter = 0;
  private idxBuffer: Int32Array = new Int32Array(256);

  private constructor(
    /** The labels, in model order. */
    readonly labels: readonly L[],
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly weights: Weights,
    /** Softmax temperature fitted on held-out folds (1 = uncalibrated). */
    readonly temperature: number,
  ) {
    this.seen = new Uint32Array(vocab.size);
  }

  /** Trains on `examples`; labels with no example are left out of the model. */
  static train<L extends string>(examples: readonly Example<L>[], options: TrainOptions = {}): SoftmaxClassifier<L> {
    const labels = [...new Set(examples.map((e) => e.label))].sort() as L[];
    if (labels.length === 0) throw new Error('SoftmaxClassifier.train: no training examples');
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const vocab = new Map<string, number>();
    const seen = new Map<string, number>();
    for (const e of examples) for (const f of new Set(e.features)) seen.set(f, (seen.get(f) ?? 0) + 1);
    const minCount = options.minCount ?? 2;
    // Features seen in one line only teach the model that line, not the language: leave them out.
    for (const [f, c] of seen) if (c >= minCount) vocab.set(f, vocab.size);

    // Class balancing: every class gets the same total weight, however many lines it has.
    const totals = new Float64Array(labels.length);
    for (const e of examples) totals[labelIndex.get(e.label)!]! += e.weight ?? 1;
    const totalWeight = totals.reduce((a, b) => a + b, 0);
    const encoded: Encoded[] = examples.map((e) => {
      const y = labelIndex.get(e.label)!;
      const idx = Int32Array.from(new Set(e.features.map((f) => vocab.get(f)).filter((i): i is number => i !== undefined)));
      return { idx, y, w: ((e.weight ?? 1) * totalWeight) / (labels.length * totals[y]!) };
    });

    const opts = { epochs: 12, learningRate: 0.4, l2: 1e-3, calibrationFolds: 5, seed: 1, minCount: 2, ...options };
    const K = labels.length;
    let temperature = 1;
    if (opts.calibrationFolds > 1 && encoded.length >= opts.calibrationFolds * 4) {
      temperature = fitTemperature(encoded, vocab.size, K, opts);
    }
    const weights = fit(encoded, vocab.size, K, opts);
    return new SoftmaxClassifier(labels, vocab, weights, temperature);
  }

  /** How many of `features` the model has seen in training. */
  knownCount(features: readonly string[]): number {
    let n = 0;
    for (const f of features) if (this.vocab.has(f)) n++;
    return n;
  }

  /** True when the model has seen `feature`. */
  knows(feature: string): boolean {
    return this.vocab.has(feature);
  }

  /** Calibrated probabilities for every label, best first. */
  classify(features: readonly string[]): LabelScore<L>[] {
    // Reused buffers: classification runs for every message, allocation shows up in the profile.
    const stamp = ++this.stampCounter;
    let n = 0;
    for (const f of features) {
      const i = this.vocab.get(f);
      if (i !== undefined && this.seen[i] !== stamp) {
        this.seen[i] = stamp;
        if (n === this.idxBuffer.length) this.idxBuffer = growInt32(this.idxBuffer);
        this.idxBuffer[n++] = i;
      }
    }
    const probs = predict(this.weights, this.idxBuffer.subarray(0, n), this.labels.length, this.temperature);
    const out: LabelScore<L>[] = this.labels.map((label, i) => ({ label, p: probs[i]! }));
    return out.sort((a, b) => b.p - a.p);
  }

  /** Number of distinct features in the model (for reports). */
  get featureCount(): number {
    return this.vocab.size;
  }
}

function growInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function logits(weights: Weights, idx: Int32Array, K: number): Float64Array {
  const z = new Float64Array(K);
  z.set(weights.b);
  if (idx.length > 0) {
    // Binary features scaled to unit length, so long messages do not get overconfident.
    const scale = 1 / Math.sqrt(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const base = idx[j]! * K;
      for (let k = 0; k < K; k++) z[k]! += weights.w[base + k]! * scale;
    }
  }
  return z;
}

function softmax(z: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const p = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    p[k] = Math.exp((z[k]! - max) / temperature);
    sum += p[k]!;
  }
  for (let k = 0; k < z.length; k++) p[k]! /= sum;
  return p;
}

function predict(weights: Weights, idx: Int32Array, K: number, temperature: number): Float64Array {
  return softmax(logits(weights, idx, K), temperature);
}

function fit(data: readonly Encoded[], nFeatures: number, K: number, opts: Required<TrainOptions>): Weights {
  const w = new Float32Array(nFeatures * K);
  const b = new Float64Array(K);
  const gw = new Float32Array(nFeatures * K).fill(1e-8);
  const gb = new Float64Array(K).fill(1e-8);
  const g = new Float64Array(K);
  const z = new Float64Array(K);
  const active = new Int32Array(K);
  const order = data.map((_, i) => i);
  const random = rng(opts.seed);
  const { learningRate: lr, l2 } = opts;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const ex = data[n]!;
      const idx = ex.idx;
      const len = idx.length;
      const scale = len > 0 ? 1 / Math.sqrt(len) : 0;
      // Forward pass (logits, softmax) into preallocated buffers: this loop is the whole training cost.
      z.set(b);
      for (let j = 0; j < len; j++) {
        const base = idx[j]! * K;
        for (let k = 0; k < K; k++) z[k]! += w[base + k]! * scale;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (z[k]! > max) max = z[k]!;
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      let nActive = 0;
      for (let k = 0; k < K; k++) {
        const gk = ex.w * (z[k]! / sum - (k === ex.y ? 1 : 0));
        gb[k]! += gk * gk;
        b[k]! -= (lr * gk) / Math.sqrt(gb[k]!);
        // Classes the example no longer moves are skipped: most of them after a few epochs.
        if (gk > SKIP || gk < -SKIP) {
          g[nActive] = gk * scale;
          active[nActive++] = k;
        }
      }
      if (nActive === 0) continue;
      for (let j = 0; j < len; j++) {
        const base = idx[j]! * K;
        for (let a = 0; a < nActive; a++) {
          const at = base + active[a]!;
          const gg = g[a]! + l2 * w[at]!;
          const acc = gw[at]! + gg * gg;
          gw[at] = acc;
          w[at]! -= (lr * gg) / Math.sqrt(acc);
        }
      }
    }
  }
  return { w, b };
}

/**
 * Fits the softmax temperature by minimising the class-weighted log-loss on a held-out slice (every k-th
 * example) of a model trained on the rest. One slice, not k folds: start-up time matters more than the last
 * digit of the temperature.
 */
function fitTemperature(data: readonly Encoded[], nFeatures: number, K: number, opts: Required<TrainOptions>): number {
  const k = opts.calibrationFolds;
  const train = data.filter((_, i) => i % k !== 0);
  const held = data.filter((_, i) => i % k === 0);
  const weights = fit(train, nFeatures, K, opts);
  const oof = held.map((ex) => ({ z: logits(weights, ex.idx, K), y: ex.y, w: ex.w }));
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    let loss = 0;
    for (const o of oof) loss -= o.w * Math.log(Math.max(softmax(o.z, t)[o.y]!, 1e-12));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}
