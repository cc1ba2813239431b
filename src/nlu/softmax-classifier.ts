/**
 * Multinomial logistic regression (softmax) over sparse binary features, trained with AdaGrad SGD.
 * Class-balanced example weights keep large classes from swamping small ones; the softmax temperature is fitted
 * on a held-out slice so the confidences mean what they say. Training is deterministic (seeded shuffle).
 */

import type { Example, LabelScore, TextClassifier } from './classifier.js';
import { seededRandom } from '../core/seeded-random.js';

/** Training knobs; the defaults suit a few thousand short utterances. */
export interface TrainOptions {
  /** Passes over the data (default 12). */
  epochs?: number;
  /** AdaGrad base learning rate (default 0.4). */
  learningRate?: number;
  /** L2 penalty per update (default 1e-3). */
  l2?: number;
  /** Every k-th example is held out to fit the temperature (then trained on briefly); 0 or 1 skips calibration (default 5). */
  calibrationFolds?: number;
  /** Shuffle seed (default 1). */
  seed?: number;
  /** Features must occur in at least this many examples (default 2). */
  minCount?: number;
}


/** Gradients smaller than this are not applied (saves most of the training time, changes nothing measurable). */
const SKIP = 1e-3;

const rng = seededRandom;

/** Feature numbering shared between classifiers (see `FeatureIndex`). */
export interface FeatureIds {
  add(feature: string): number;
  id(feature: string): number | undefined;
  readonly size: number;
}

/** A private numbering for a classifier trained on its own. */
class LocalIds implements FeatureIds {
  private readonly ids = new Map<string, number>();
  add(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) this.ids.set(feature, (id = this.ids.size));
    return id;
  }
  id(feature: string): number | undefined {
    return this.ids.get(feature);
  }
  get size(): number {
    return this.ids.size;
  }
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
  private idxBuffer: Int32Array = new Int32Array(256);

  private constructor(
    /** The labels, in model order. */
    readonly labels: readonly L[],
    private readonly ids: FeatureIds,
    /** 1 for the features this model uses (seen in at least `minCount` of its lines). */
    private readonly active: Uint8Array,
    private readonly weights: Weights,
    /** Softmax temperature fitted on a held-out slice (1 = uncalibrated). */
    readonly temperature: number,
    /** Number of features the model uses. */
    readonly featureCount: number,
  ) {}

  /**
   * Trains on `examples`; labels with no example are left out of the model. Pass `ids` to share one feature
   * numbering between classifiers (intern every feature before training the first one).
   */
  static train<L extends string>(examples: readonly Example<L>[], options: TrainOptions = {}, ids: FeatureIds = new LocalIds()): SoftmaxClassifier<L> {
    const labels = [...new Set(examples.map((e) => e.label))].sort() as L[];
    if (labels.length === 0) throw new Error('SoftmaxClassifier.train: no training examples');
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const exampleIds = examples.map((e) => [...new Set(e.features.map((f) => ids.add(f)))]);
    const counts = new Uint32Array(ids.size);
    for (const list of exampleIds) for (const id of list) counts[id]!++;
    const minCount = options.minCount ?? 2;
    // Features seen in one line only teach the model that line, not the language: leave them out. Except the
    // words of one-word lines ("hola", "urungkan"): such a line is a vocabulary entry, and nothing else teaches it.
    const active = new Uint8Array(ids.size);
    for (const e of examples) {
      const words = e.features.filter((f) => f.startsWith('w:'));
      if (words.length === 1) active[ids.add(words[0]!)] = 1;
    }
    for (let i = 0; i < counts.length; i++) if (counts[i]! >= minCount) active[i] = 1;
    let featureCount = 0;
    for (let i = 0; i < active.length; i++) featureCount += active[i]!;

    // Class balancing: every class gets the same total weight, however many lines it has.
    const totals = new Float64Array(labels.length);
    for (const e of examples) totals[labelIndex.get(e.label)!]! += e.weight ?? 1;
    const totalWeight = totals.reduce((a, b) => a + b, 0);
    const encoded: Encoded[] = examples.map((e, n) => {
      const y = labelIndex.get(e.label)!;
      const idx = Int32Array.from(exampleIds[n]!.filter((id) => active[id] === 1));
      return { idx, y, w: ((e.weight ?? 1) * totalWeight) / (labels.length * totals[y]!) };
    });

    const opts = { epochs: 12, learningRate: 0.4, l2: 1e-3, calibrationFolds: 5, seed: 1, minCount, ...options };
    const K = labels.length;
    const { weights, temperature } =
      opts.calibrationFolds > 1 && encoded.length >= opts.calibrationFolds * 4
        ? fitCalibrated(encoded, ids.size, K, opts)
        : { weights: fit(encoded, ids.size, K, opts), temperature: 1 };
    return new SoftmaxClassifier(labels, ids, active, weights, temperature, featureCount);
  }

  /** True when the model uses the feature with this id of the shared numbering. */
  usesId(id: number): boolean {
    return id >= 0 && id < this.active.length && this.active[id] === 1;
  }

  /** True when the model uses `feature`. */
  knows(feature: string): boolean {
    const id = this.ids.id(feature);
    return id !== undefined && id < this.active.length && this.active[id] === 1;
  }

  /** Calibrated probabilities for every label, best first. */
  classify(features: readonly string[]): LabelScore<L>[] {
    const ids: number[] = [];
    for (const f of features) {
      const id = this.ids.id(f);
      if (id !== undefined) ids.push(id);
    }
    const probs = this.probabilities(Int32Array.from(new Set(ids)));
    return this.labels.map((label, i) => ({ label, p: probs[i]! })).sort((a, b) => b.p - a.p);
  }

  /**
   * Calibrated probabilities in {@link labels} order for distinct feature ids of the shared numbering
   * (the hot path: no strings, no sorting).
   */
  probabilities(ids: Int32Array): Float64Array {
    let n = 0;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      if (id < this.active.length && this.active[id] === 1) {
        if (n === this.idxBuffer.length) this.idxBuffer = growInt32(this.idxBuffer);
        this.idxBuffer[n++] = id;
      }
    }
    return predict(this.weights, this.idxBuffer.subarray(0, n), this.labels.length, this.temperature);
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

/** Weights plus the AdaGrad accumulators, so training can go on from where it stopped. */
interface TrainingState extends Weights {
  gw: Float32Array;
  gb: Float64Array;
}

function fit(data: readonly Encoded[], nFeatures: number, K: number, opts: Required<TrainOptions>, from?: TrainingState): TrainingState {
  const w = from?.w ?? new Float32Array(nFeatures * K);
  const b = from?.b ?? new Float64Array(K);
  const gw = from?.gw ?? new Float32Array(nFeatures * K).fill(1e-8);
  const gb = from?.gb ?? new Float64Array(K).fill(1e-8);
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
  return { w, b, gw, gb };
}

/**
 * Trains on all but every k-th example, fits the softmax temperature on the held-out ones (class-weighted
 * log-loss), then goes on training the same weights over all examples for a third of the epochs. One held-out
 * slice and a warm start instead of k folds and a fresh model: start-up time matters more than the last digit
 * of the temperature.
 */
function fitCalibrated(data: readonly Encoded[], nFeatures: number, K: number, opts: Required<TrainOptions>): { weights: Weights; temperature: number } {
  const k = opts.calibrationFolds;
  const train = data.filter((_, i) => i % k !== 0);
  const held = data.filter((_, i) => i % k === 0);
  const state = fit(train, nFeatures, K, opts);
  const oof = held.map((ex) => ({ z: logits(state, ex.idx, K), y: ex.y, w: ex.w }));
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
  const weights = fit(data, nFeatures, K, { ...opts, epochs: Math.max(2, Math.ceil(opts.epochs / 3)), seed: opts.seed + 1 }, state);
  return { weights, temperature: Math.round(best * 100) / 100 };
}
