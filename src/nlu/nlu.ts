/**
 * Pintu's Indonesian NLU: classifiers trained at start-up from `intents/`, combined with keyword and safety
 * rules, plus entity extraction. Implements the engine's {@link Understander} contract.
 *
 * The classifiers are multinomial logistic regressions over unigrams, bigrams and character 4-grams of the
 * normalised, stemmed words, class-balanced and temperature-calibrated (see `softmax-classifier.ts`).
 *
 * How the pieces combine, from weakest to strongest:
 * 1. the intent classifier's calibrated probabilities (a message with no word the model knows is `unknown`;
 *    a leading greeting gets only half a say; `polarity-rules.ts` fixes subscribe/unsubscribe and
 *    file/status mix-ups);
 * 2. a ticket id (`PBL-…`) → `complaint.status`;
 * 3. safety triggers → `siskia.danger` / `emergency` (recall first; when both fire the other one stays as a
 *    strong alternative, so with rule hits the confidences need not add up to 1);
 * 4. whole-message commands, bare greetings and thanks.
 */
import {
  INTENTS,
  emptyEntities,
  type ComplaintCategory,
  type IntentName,
  type Scored,
  type Understander,
  type Understanding,
} from '../core/understanding.js';
import { commandRule, greetingPrefixLength, symbolRule, ticketRule, type RuleHit } from './command-rules.js';
import { applyPolarityRules } from './polarity-rules.js';
import { DEFAULT_INTENTS_DIR } from './data-paths.js';
import { EntityExtractor } from './entities/index.js';
import { loadTrainingSet, trainModels, type ModelOptions, type TrainedModels, type TrainingSet, type TrainingStats } from './models.js';
import { SafetyRules, type SafetyMatch } from './safety-rules.js';
import { TextPipeline } from './text-pipeline.js';

/** Options for {@link createNlu}. */
export interface NluOptions {
  /** Folder with `intent/` and `category/` training files (default: the project's `intents/`). */
  intentsDir?: string;
  /** Confidence below which the engine should ask instead of acting (default 0.5). */
  threshold?: number;
  /** Training knobs per classifier (the eval script compares them; the defaults are what ships). */
  model?: ModelOptions;
  /** Add character n-gram features (default true). */
  charNgrams?: boolean;
  /** Train on these utterances instead of reading `intentsDir` (cross-validation in the eval script). */
  trainingSet?: TrainingSet;
}

/** Default {@link NluOptions.threshold}. */
export const DEFAULT_THRESHOLD = 0.5;

const SAFETY_PRIMARY = 0.92;
const SAFETY_SECONDARY = 0.6;
/** An emergency told in the past tense stays visible but below the engine's emergency hook (0.3). */
const PAST_EMERGENCY = 0.25;
/**
 * Ceiling for a safety intent that comes from the classifier alone, with no trigger: any emergency without one
 * ("jl panglima sudirman no 20" typed as an address), and a danger sign in a very short message ("bayi"). High
 * enough for the one-line reminder (which names 112), too low to take the conversation over.
 */
const SHORT_UNSUPPORTED_SAFETY = 0.45;
/** Messages of at most this many words need a safety trigger to count as a strong safety signal. */
const SHORT_MESSAGE_WORDS = 3;
const NO_KNOWN_WORDS = 0.9;
/** Danger-sign triggers that, without a pregnancy or baby in the message, are an emergency for anyone. */
const GENERAL_EMERGENCY_SIGNS: ReadonlySet<string> = new Set(['breathing', 'self-harm', 'bleeding']);
/** Outside a complaint, the category is reported only when the category model is this sure. */
const CATEGORY_ELSEWHERE = 0.75;
const CATEGORY_INTENTS: ReadonlySet<IntentName> = new Set(['complaint.file', 'help', 'unknown']);
const MAX_ALTERNATIVES = 3;

type Distribution = Map<IntentName, number>;

function override(dist: Distribution, label: IntentName, confidence: number): void {
  const current = dist.get(label) ?? 0;
  if (current >= confidence) return;
  const rest = 1 - current;
  const scale = rest > 0 ? (1 - confidence) / rest : 0;
  for (const [k, v] of dist) dist.set(k, k === label ? confidence : v * scale);
}

function best(dist: Distribution): IntentName {
  let top: IntentName = 'unknown';
  let p = -1;
  for (const [k, v] of dist) {
    if (v > p) {
      top = k;
      p = v;
    }
  }
  return top;
}

/** Sets one label's probability and rescales the others so the table still sums to 1. */
function setExactly(dist: Distribution, label: IntentName, confidence: number): void {
  const current = dist.get(label) ?? 0;
  const rest = 1 - current;
  const scale = rest > 0 ? (1 - confidence) / rest : 0;
  for (const [k, v] of dist) dist.set(k, k === label ? confidence : v * scale);
}

function round(p: number): number {
  return Math.round(p * 10_000) / 10_000;
}

/** {@link Nlu.explain}'s answer: the understanding and the score tables behind it. */
export interface Explanation {
  understanding: Understanding;
  /** Every intent, best first, after the rules. */
  intentScores: Scored<IntentName>[];
  /** Every complaint category, best first (empty without a category model). */
  categoryScores: Scored<ComplaintCategory>[];
  /** Rules that fired (`ticket-id`, `danger:bleeding`, `greeting-only`, …). */
  rules: string[];
}

/** The NLU. Build with {@link createNlu}. */
export class Nlu implements Understander {
  /** Confidence below which the engine should ask a clarifying question. */
  readonly threshold: number;
  private readonly pipeline: TextPipeline;
  private readonly models: TrainedModels;
  private readonly safety: SafetyRules;
  private readonly entities: EntityExtractor;

  constructor(options: NluOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.pipeline = new TextPipeline({ charNgrams: options.charNgrams ?? true });
    this.safety = new SafetyRules();
    this.entities = new EntityExtractor();
    const set = options.trainingSet ?? loadTrainingSet(options.intentsDir ?? DEFAULT_INTENTS_DIR);
    this.models = trainModels(set, this.pipeline, options.model);
  }

  /** What the classifiers were trained on and how long it took. */
  get stats(): TrainingStats {
    return this.models.stats;
  }

  /** The normalised text the classifiers see ("udh seminggu" → "sudah seminggu"). */
  normalise(text: string): string {
    return this.pipeline.normaliser.normalise(text);
  }

  /** True when `u` is confident enough to act on without asking. */
  isConfident(u: Understanding): boolean {
    return u.confidence >= this.threshold;
  }

  /** Understands one message. Never throws: anything unreadable is `unknown`. */
  understand(text: string, now: Date): Understanding {
    try {
      return this.analyse(text, now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date(), false).understanding;
    } catch {
      // A bug in an extractor must not take the conversation down with it.
      return { intent: 'unknown', confidence: 0, alternatives: [], entities: emptyEntities(), normalized: '' };
    }
  }

  /** The safety triggers that fire on a message (for tests and diagnostics). */
  safetyMatch(text: string): SafetyMatch {
    return this.safety.match(this.normalise(text));
  }

  /**
   * {@link understand} plus the full score tables behind it (every intent after the rules, every category),
   * for the evaluation script and diagnostics.
   */
  explain(text: string, now: Date): Explanation {
    return this.analyse(text, now, true);
  }

  private analyse(text: string, now: Date, allScores: boolean): Explanation {
    const prepared = this.pipeline.prepare(text);
    const entities = this.entities.extract({ clean: prepared.clean, norm: prepared.norm, now });
    const words = prepared.tokens;
    const base = { entities, normalized: prepared.norm };

    if (words.length === 0 || (words.every((w) => /^[\d-]+$/.test(w)) && entities.ticketIds.length === 0)) {
      // Empty, emoji-only, pure numbers, a lone URL: nothing to understand, unless it is "?" or 🙏.
      const symbol = words.length === 0 ? symbolRule(prepared.clean) : undefined;
      const intent: IntentName = symbol?.intent ?? 'unknown';
      const confidence = symbol?.confidence ?? (words.length === 0 ? 1 : NO_KNOWN_WORDS);
      const others = intent === 'unknown' ? [] : [{ label: 'unknown' as const, confidence: round(1 - confidence) }];
      return {
        understanding: { intent, confidence, alternatives: others, ...base },
        intentScores: INTENTS.map((label) => ({ label, confidence: label === intent ? confidence : label === 'unknown' ? 1 - confidence : 0 })),
        categoryScores: allScores ? this.categoryScores(prepared.ids, true) : [],
        rules: [symbol?.rule ?? 'no-words'],
      };
    }

    const rules: string[] = [];
    const dist = this.intentDistribution(prepared.ids, prepared.stems, rules);
    const greeting = greetingPrefixLength(words);
    if (greeting > 0 && words.length - greeting >= 3 && prepared.stems.length === words.length) {
      // "assalamualaikum min, lampu jalan mati": what follows the greeting gets an equal say, so a long
      // greeting cannot outvote a short request.
      const rest = prepared.stems.slice(greeting);
      const restDist = this.intentDistribution(this.pipeline.index.encode(rest), rest, []);
      for (const [k, v] of dist) dist.set(k, (v + (restDist.get(k) ?? 0)) / 2);
      rules.push('greeting-prefix');
    }
    const polarity = applyPolarityRules(dist, prepared.norm, best(dist), entities.ticketIds.length > 0);
    if (polarity) rules.push(polarity);
    const ticket = ticketRule(prepared.norm, entities.ticketIds, words.length);
    if (ticket) {
      override(dist, ticket.intent, ticket.confidence);
      rules.push(ticket.rule);
    }
    this.applySafety(dist, this.safety.match(prepared.norm), rules, words.length);
    const command: RuleHit | undefined = commandRule(words);
    if (command) {
      override(dist, command.intent, command.confidence);
      rules.push(command.rule);
    }

    // Map order is INTENTS order and the sort is stable, so ties keep the contract's order.
    const ranked = [...dist.entries()].sort((a, b) => b[1] - a[1]);
    const [intent, confidence] = ranked[0]!;
    const alternatives: Scored<IntentName>[] = ranked
      .slice(1, 1 + MAX_ALTERNATIVES)
      .filter(([, p]) => p > 0)
      .map(([label, p]) => ({ label, confidence: round(p) }));
    // The category model runs only when its answer is used (or asked for): it is half the classification cost.
    const categoryScores = allScores || CATEGORY_INTENTS.has(intent) ? this.categoryScores(prepared.ids, allScores) : [];
    const category = this.category(intent, categoryScores);
    return {
      understanding: { intent, confidence: round(confidence), alternatives, ...(category ? { category } : {}), ...base },
      intentScores: allScores ? ranked.map(([label, p]) => ({ label, confidence: p })) : [],
      categoryScores,
      rules,
    };
  }

  /** Category probabilities, best first: all of them, or only the best one (the hot path needs no more). */
  private categoryScores(ids: Int32Array, all: boolean): Scored<ComplaintCategory>[] {
    const model = this.models.category;
    if (!model) return [];
    const p = model.probabilities(ids);
    if (all) return model.labels.map((label, i) => ({ label, confidence: p[i]! })).sort((a, b) => b.confidence - a.confidence);
    let bestIndex = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[bestIndex]!) bestIndex = i;
    return [{ label: model.labels[bestIndex]!, confidence: p[bestIndex]! }];
  }

  private intentDistribution(ids: Int32Array, stems: readonly string[], rules: string[]): Distribution {
    const dist: Distribution = new Map(INTENTS.map((i) => [i, 0]));
    const model = this.models.intent;
    if (!model) {
      dist.set('unknown', NO_KNOWN_WORDS);
      return dist;
    }
    const p = model.probabilities(ids);
    model.labels.forEach((label, i) => dist.set(label, p[i]!));
    const index = this.pipeline.index;
    if (!stems.some((s) => model.usesId(index.unigramId(s)))) {
      override(dist, 'unknown', NO_KNOWN_WORDS);
      rules.push('no-known-words');
    }
    return dist;
  }

  private applySafety(dist: Distribution, match: SafetyMatch, rules: string[], wordCount: number): void {
    const danger = match.danger.length > 0;
    const emergency = match.emergency.length > 0 && !match.past;
    rules.push(...match.danger.map((id) => `danger:${id}`), ...match.emergency.map((id) => `emergency:${id}`));
    if (danger) {
      // A danger sign without pregnancy or a baby in sight ("tetangga sesak nafas", "mau bunuh diri di
      // jembatan") is first an emergency; fits alone ("kejang") stay a danger sign. Both stay above the hooks.
      const generalEmergency =
        !match.maternal &&
        ((emergency && !match.emergency.every((id) => id === 'unconscious')) ||
          match.danger.some((id) => GENERAL_EMERGENCY_SIGNS.has(id)));
      const [primary, secondary]: [IntentName, IntentName] = generalEmergency
        ? ['emergency', 'siskia.danger']
        : ['siskia.danger', 'emergency'];
      override(dist, primary, SAFETY_PRIMARY);
      if (emergency || generalEmergency) dist.set(secondary, Math.max(dist.get(secondary) ?? 0, SAFETY_SECONDARY));
    } else if (emergency) {
      override(dist, 'emergency', SAFETY_PRIMARY);
    } else if (match.emergency.length > 0) {
      setExactly(dist, 'emergency', PAST_EMERGENCY);
    } else if (match.suppressed.length > 0) {
      // "rawan kecelakaan": an accident word in a complaint about risk. The model alone must not raise the alarm.
      rules.push(...match.suppressed.map((id) => `emergency-suppressed:${id}`));
      if ((dist.get('emergency') ?? 0) > PAST_EMERGENCY) setExactly(dist, 'emergency', PAST_EMERGENCY);
      const runnerUp = Math.max(...[...dist].filter(([k]) => k !== 'emergency').map(([, v]) => v));
      if ((dist.get('emergency') ?? 0) >= runnerUp) setExactly(dist, 'emergency', runnerUp * 0.9);
    } else {
      // No emergency trigger at all ("jl panglima sudirman no 20", an address typed as an answer): the classifier
      // alone may ask for the reminder line, not take the conversation over. Danger signs keep their recall.
      const intents = wordCount <= SHORT_MESSAGE_WORDS ? (['emergency', 'siskia.danger'] as const) : (['emergency'] as const);
      for (const intent of intents) {
        if ((dist.get(intent) ?? 0) > SHORT_UNSUPPORTED_SAFETY) {
          setExactly(dist, intent, SHORT_UNSUPPORTED_SAFETY);
          rules.push(`short-unsupported:${intent}`);
        }
      }
    }
  }

  private category(intent: IntentName, scores: readonly Scored<ComplaintCategory>[]): Scored<ComplaintCategory> | undefined {
    const best = scores[0];
    if (!best || !CATEGORY_INTENTS.has(intent)) return undefined;
    if (intent !== 'complaint.file' && best.confidence < CATEGORY_ELSEWHERE) return undefined;
    return { label: best.label, confidence: round(best.confidence) };
  }
}

/** Builds the NLU, training both classifiers from the intents folder (synchronous; well under 2 s). */
export function createNlu(options: NluOptions = {}): Nlu {
  return new Nlu(options);
}
