/**
 * Trains Pintu's two classifiers from the text files under `intents/`: the intent classifier (every
 * `intent/<intent>.txt`, plus every complaint-category line as a `complaint.file` example) and the
 * complaint-category classifier (`category/<code>.txt`). `intents/test/` is never read here.
 */
import path from 'node:path';
import { COMPLAINT_CATEGORIES, INTENTS, type ComplaintCategory, type IntentName } from '../core/understanding.js';
import type { Example, TextClassifier } from './classifier.js';
import { NaiveBayesClassifier, type NaiveBayesOptions } from './naive-bayes.js';
import { SoftmaxClassifier, type TrainOptions } from './softmax-classifier.js';
import { Speller } from './speller.js';
import type { TextPipeline } from './text-pipeline.js';
import { loadUtterances, type Utterance } from './training-data.js';

/** The trained classifiers and what they were trained on. */
export interface TrainedModels {
  intent?: TextClassifier<IntentName>;
  category?: TextClassifier<ComplaintCategory>;
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

/** Which model family to train and its knobs. */
export interface ModelOptions {
  /** `logistic` regression (default: best in cross-validation) or `naive-bayes` (faster to train). */
  family?: 'naive-bayes' | 'logistic';
  naiveBayes?: NaiveBayesOptions;
  logistic?: TrainOptions;
}

function trainClassifier<L extends string>(examples: readonly Example<L>[], options: ModelOptions): TextClassifier<L> | undefined {
  if (examples.length === 0) return undefined;
  return options.family === 'naive-bayes'
    ? NaiveBayesClassifier.train(examples, options.naiveBayes)
    : SoftmaxClassifier.train(examples, options.logistic);
}

/** Trains both classifiers on `set` with `pipeline` (whose typo repair is then switched on). Deterministic. */
export function trainModels(set: TrainingSet, pipeline: TextPipeline, options: ModelOptions = {}): TrainedModels {
  const started = performance.now();
  const featuresOf = new Map<string, string[]>();
  const prepare = (text: string): string[] => {
    let f = featuresOf.get(text);
    if (!f) {
      f = pipeline.prepare(text).features;
      featuresOf.set(text, f);
    }
    return f;
  };

  const intentExamples: Example<IntentName>[] = set.intents.map((u) => ({ features: prepare(u.text), label: u.label }));
  // Every complaint line is also a complaint.file example; class balancing keeps the big class in check.
  for (const u of set.categories) intentExamples.push({ features: prepare(u.text), label: 'complaint.file' });
  const categoryExamples: Example<ComplaintCategory>[] = set.categories.map((u) => ({ features: prepare(u.text), label: u.label }));

  const intent = trainClassifier(intentExamples, options);
  const category = trainClassifier(categoryExamples, options);

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
