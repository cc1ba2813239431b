/**
 * Trains Pintu's two classifiers from the text files under `intents/`: the intent classifier (every
 * `intent/<intent>.txt`, plus every complaint-category line as a `complaint.file` example) and the
 * complaint-category classifier (`category/<code>.txt`). `intents/test/` is never read here.
 */
import path from 'node:path';
import { COMPLAINT_CATEGORIES, INTENTS, type ComplaintCategory, type IntentName } from '../core/understanding.js';
import type { Example } from './classifier.js';
import { SoftmaxClassifier, type TrainOptions } from './softmax-classifier.js';
import { Speller } from './speller.js';
import type { TextPipeline } from './text-pipeline.js';
import { loadUtterances, type Utterance } from './training-data.js';

/** The trained classifiers and what they were trained on. */
export interface TrainedModels {
  intent?: SoftmaxClassifier<IntentName>;
  category?: SoftmaxClassifier<ComplaintCategory>;
  speller: Speller;
  stats: TrainingStats;
}

/** Numbers about one training run, for logs, the eval script and the bench. */
export interface TrainingStats {
  intentUtterances: number;
  categoryUtterances: number;
  intentLabels: number;
  categoryLabels: number;
  intentFeatures: number;
  categoryFeatures: number;
  intentTemperature: number;
  categoryTemperature: number;
  /** Files in intents/intent or intents/category whose name is not a known label. */
  ignoredFiles: string[];
  trainMs: number;
}

/** The training utterances read from an intents folder (`<dir>/intent`, `<dir>/category`). */
export interface TrainingSet {
  intents: Utterance<IntentName>[];
  categories: Utterance<ComplaintCategory>[];
  ignoredFiles: string[];
}

/** Reads the training split of an intents folder. */
export function loadTrainingSet(intentsDir: string): TrainingSet {
  const intents = loadUtterances(path.join(intentsDir, 'intent'), INTENTS);
  const categories = loadUtterances(path.join(intentsDir, 'category'), COMPLAINT_CATEGORIES);
  return {
    intents: intents.utterances,
    categories: categories.utterances,
    ignoredFiles: [...intents.ignoredFiles.map((f) => `intent/${f}`), ...categories.ignoredFiles.map((f) => `category/${f}`)],
  };
}

/** Training knobs for both classifiers (the defaults are what ships; the eval script compares others). */
export interface ModelOptions {
  intent?: TrainOptions;
  category?: TrainOptions;
}

/** Trains both classifiers on `set` with `pipeline` (whose typo repair is then switched on). Deterministic. */
export function trainModels(set: TrainingSet, pipeline: TextPipeline, options: ModelOptions = {}): TrainedModels {
  const started = performance.now();
  const featuresOf = new Map<string, string[]>();
  const prepare = (text: string): string[] => {
    let f = featuresOf.get(text);
    if (!f) {
      f = pipeline.index.features(pipeline.prepare(text).stems);
      featuresOf.set(text, f);
    }
    return f;
  };

  const intentExamples: Example<IntentName>[] = set.intents.map((u) => ({ features: prepare(u.text), label: u.label }));
  // Every complaint line is also a complaint.file example; class balancing keeps the big class in check.
  for (const u of set.categories) intentExamples.push({ features: prepare(u.text), label: 'complaint.file' });
  const categoryExamples: Example<ComplaintCategory>[] = set.categories.map((u) => ({ features: prepare(u.text), label: u.label }));

  // One feature numbering for both models: a message is encoded once and scored by both.
  for (const ex of intentExamples) for (const f of ex.features) pipeline.index.add(f);
  // The intent set is the larger one; 10 passes score the same as 12 in cross-validation and start faster.
  const intentOptions = { epochs: 10, ...options.intent };
  const intent = intentExamples.length > 0 ? SoftmaxClassifier.train(intentExamples, intentOptions, pipeline.index) : undefined;
  const category = categoryExamples.length > 0 ? SoftmaxClassifier.train(categoryExamples, options.category, pipeline.index) : undefined;

  const counts = new Map<string, number>();
  for (const ex of intentExamples) {
    for (const f of ex.features) {
      if (f.startsWith('w:')) counts.set(f.slice(2), (counts.get(f.slice(2)) ?? 0) + 1);
    }
  }
  const speller = new Speller(counts);
  pipeline.useSpeller(speller);

  return {
    intent,
    category,
    speller,
    stats: {
      intentUtterances: intentExamples.length,
      categoryUtterances: categoryExamples.length,
      intentLabels: intent?.labels.length ?? 0,
      categoryLabels: category?.labels.length ?? 0,
      intentFeatures: intent?.featureCount ?? 0,
      categoryFeatures: category?.featureCount ?? 0,
      intentTemperature: intent?.temperature ?? 1,
      categoryTemperature: category?.temperature ?? 1,
      ignoredFiles: set.ignoredFiles,
      trainMs: Math.round(performance.now() - started),
    },
  };
}
