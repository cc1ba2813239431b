/**
 * Evaluates the NLU on the held-out split: trains on intents/intent + intents/category only (as `createNlu`
 * does), then reads intents/test/intent/*.txt and intents/test/category/*.txt and prints accuracy, macro-F1,
 * a compact confusion list and the 20 worst mistakes (lowest confidence on the true label).
 *
 *   tsx scripts/eval-nlu.ts [--intents DIR] [--json]
 *   tsx scripts/eval-nlu.ts --cv 5 [--no-char] [--epochs N] [--lr X] [--l2 X] [--folds K]
 *
 * `--cv K` never reads intents/test: it cross-validates on the training files, which is how model choices are
 * made without tuning on the held-out lines.
 *
 * Intent figures are for the full `understand()` (classifier plus rules), the way the engine sees them;
 * complaint lines in test/category also count as `complaint.file` examples in a separate line.
 */
import path from 'node:path';
import { COMPLAINT_CATEGORIES, INTENTS } from '../src/core/understanding.js';
import { createNlu, type NluOptions } from '../src/nlu/index.js';
import { DEFAULT_INTENTS_DIR } from '../src/nlu/data-paths.js';
import { loadTrainingSet, type TrainingSet } from '../src/nlu/models.js';
import type { TrainOptions } from '../src/nlu/softmax-classifier.js';
import { loadUtterances, type Utterance } from '../src/nlu/training-data.js';

interface Prediction {
  text: string;
  source: string;
  truth: string;
  predicted: string;
  confidence: number;
  truthConfidence: number;
}

interface Report {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: { label: string; support: number; precision: number; recall: number; f1: number }[];
  confusions: { truth: string; predicted: string; count: number }[];
}

function report(preds: readonly Prediction[], labels: readonly string[]): Report {
  const present = labels.filter((l) => preds.some((p) => p.truth === l));
  const perLabel = present.map((label) => {
    const tp = preds.filter((p) => p.truth === label && p.predicted === label).length;
    const fp = preds.filter((p) => p.truth !== label && p.predicted === label).length;
    const fn = preds.filter((p) => p.truth === label && p.predicted !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: tp + fn, precision, recall, f1 };
  });
  const counts = new Map<string, number>();
  for (const p of preds) if (p.truth !== p.predicted) counts.set(`${p.truth}\t${p.predicted}`, (counts.get(`${p.truth}\t${p.predicted}`) ?? 0) + 1);
  const confusions = [...counts.entries()]
    .map(([k, count]) => {
      const [truth = '', predicted = ''] = k.split('\t');
      return { truth, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.truth.localeCompare(b.truth));
  const correct = preds.filter((p) => p.truth === p.predicted).length;
  return {
    n: preds.length,
    accuracy: preds.length ? correct / preds.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((a, l) => a + l.f1, 0) / perLabel.length : 0,
    perLabel,
    confusions,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function printReport(title: string, r: Report): void {
  console.log(`\n== ${title}: n=${r.n}  accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macroF1)}`);
  const weak = r.perLabel.filter((l) => l.f1 < 0.999).sort((a, b) => a.f1 - b.f1);
  if (weak.length) {
    console.log('   label                 support  prec   recall  F1');
    for (const l of weak) {
      console.log(`   ${l.label.padEnd(22)}${String(l.support).padStart(7)}  ${pct(l.precision).padStart(6)} ${pct(l.recall).padStart(6)}  ${pct(l.f1).padStart(6)}`);
    }
  }
  if (r.confusions.length) {
    console.log('   confusions (truth → predicted ×count):');
    console.log(`   ${r.confusions.map((c) => `${c.truth}→${c.predicted}×${c.count}`).join(', ')}`);
  }
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function modelOptions(args: readonly string[]): NluOptions {
  const num = (name: string): number | undefined => (argValue(args, name) === undefined ? undefined : Number(argValue(args, name)));
  const knobs = Object.fromEntries(
    [['epochs', num('--epochs')], ['learningRate', num('--lr')], ['l2', num('--l2')], ['calibrationFolds', num('--folds')]].filter(
      ([, v]) => v !== undefined,
    ),
  ) as TrainOptions;
  return { charNgrams: !args.includes('--no-char'), model: { intent: knobs, category: knobs } };
}

/** K-fold cross-validation on the training files only. */
function crossValidate(intentsDir: string, k: number, options: NluOptions): void {
  const full = loadTrainingSet(intentsDir);
  const now = new Date('2026-11-28T03:00:00Z');
  const intentPreds: Prediction[] = [];
  const categoryPreds: Prediction[] = [];
  let trainMs = 0;
  for (let f = 0; f < k; f++) {
    const set: TrainingSet = {
      intents: full.intents.filter((_, i) => i % k !== f),
      categories: full.categories.filter((_, i) => i % k !== f),
      ignoredFiles: [],
    };
    const started = performance.now();
    const nlu = createNlu({ ...options, trainingSet: set });
    trainMs += performance.now() - started;
    for (const u of full.intents.filter((_, i) => i % k === f)) {
      const e = nlu.explain(u.text, now);
      intentPreds.push({ text: u.text, source: u.source, truth: u.label, predicted: e.understanding.intent, confidence: e.understanding.confidence, truthConfidence: 0 });
    }
    for (const u of full.categories.filter((_, i) => i % k === f)) {
      const e = nlu.explain(u.text, now);
      const best = e.categoryScores[0];
      categoryPreds.push({ text: u.text, source: u.source, truth: u.label, predicted: best?.label ?? '-', confidence: best?.confidence ?? 0, truthConfidence: 0 });
    }
  }
  const ir = report(intentPreds, INTENTS);
  const cr = report(categoryPreds, COMPLAINT_CATEGORIES);
  if (process.argv.includes('--show-errors')) {
    printReport('intent (CV)', ir);
    printReport('category (CV)', cr);
    for (const p of [...intentPreds, ...categoryPreds].filter((x) => x.truth !== x.predicted)) {
      console.log(`   ${p.truth} → ${p.predicted} (${p.confidence.toFixed(2)}) ${p.source} "${p.text.slice(0, 100)}"`);
    }
  }
  console.log(`${k}-fold CV ${JSON.stringify(options)}: intent acc ${pct(ir.accuracy)} F1 ${pct(ir.macroF1)} | category acc ${pct(cr.accuracy)} F1 ${pct(cr.macroF1)} | train ${(trainMs / k).toFixed(0)} ms/fold`);
}

function main(): void {
  const args = process.argv.slice(2);
  const dirArg = argValue(args, '--intents');
  const intentsDir = dirArg ? path.resolve(dirArg) : DEFAULT_INTENTS_DIR;
  const asJson = args.includes('--json');
  const now = new Date('2026-11-28T03:00:00Z');
  const options = modelOptions(args);
  const cv = argValue(args, '--cv');
  if (cv) {
    crossValidate(intentsDir, Number(cv), options);
    return;
  }

  const started = performance.now();
  const nlu = createNlu({ intentsDir, ...options });
  const trainMs = performance.now() - started;

  const testIntents = loadUtterances(path.join(intentsDir, 'test', 'intent'), INTENTS).utterances;
  const testCategories = loadUtterances(path.join(intentsDir, 'test', 'category'), COMPLAINT_CATEGORIES).utterances;

  const intentPreds = (items: readonly Utterance<string>[], truthOf: (u: Utterance<string>) => string): Prediction[] =>
    items.map((u) => {
      const e = nlu.explain(u.text, now);
      const truth = truthOf(u);
      return {
        text: u.text,
        source: u.source,
        truth,
        predicted: e.understanding.intent,
        confidence: e.understanding.confidence,
        truthConfidence: e.intentScores.find((s) => s.label === truth)?.confidence ?? 0,
      };
    });
  const intentResults = intentPreds(testIntents, (u) => u.label);
  const complaintResults = intentPreds(testCategories, () => 'complaint.file');
  const categoryResults: Prediction[] = testCategories.map((u) => {
    const e = nlu.explain(u.text, now);
    const best = e.categoryScores[0];
    return {
      text: u.text,
      source: u.source,
      truth: u.label,
      predicted: best?.label ?? '-',
      confidence: best?.confidence ?? 0,
      truthConfidence: e.categoryScores.find((s) => s.label === u.label)?.confidence ?? 0,
    };
  });

  const intentReport = report(intentResults, INTENTS);
  const complaintAcc = complaintResults.length ? complaintResults.filter((p) => p.predicted === 'complaint.file').length / complaintResults.length : 0;
  const categoryReport = report(categoryResults, COMPLAINT_CATEGORIES);
  const worst = [...intentResults.map((p) => ({ kind: 'intent', ...p })), ...categoryResults.map((p) => ({ kind: 'category', ...p }))]
    .filter((p) => p.truth !== p.predicted || p.truthConfidence < nlu.threshold)
    .sort((a, b) => a.truthConfidence - b.truthConfidence)
    .slice(0, 20);

  if (asJson) {
    console.log(JSON.stringify({ trainMs, stats: nlu.stats, intent: intentReport, complaintAsIntent: complaintAcc, category: categoryReport, worst }, null, 2));
    return;
  }
  const s = nlu.stats;
  console.log(`trained in ${trainMs.toFixed(0)} ms on ${s.intentUtterances} intent examples (${s.categoryUtterances} of them complaint lines), ` +
    `${s.intentFeatures} intent / ${s.categoryFeatures} category features, temperatures ${s.intentTemperature} / ${s.categoryTemperature}`);
  if (s.ignoredFiles.length) console.log(`ignored training files (not a label): ${s.ignoredFiles.join(', ')}`);
  printReport('intent (understand, test/intent)', intentReport);
  console.log(`   test/category lines understood as complaint.file: ${pct(complaintAcc)} of ${complaintResults.length}`);
  printReport('category (category model, test/category)', categoryReport);
  console.log('\n== 20 worst (lowest confidence on the true label)');
  for (const w of worst) {
    console.log(`   ${w.truthConfidence.toFixed(3)} ${w.kind} ${w.truth} → ${w.predicted} (${w.confidence.toFixed(2)})  ${w.source}  "${w.text.slice(0, 90)}"`);
  }
}

main();
