/**
 * Rule triggers for the safety intents (`siskia.danger`, `emergency`), read from data/nlu/safety-triggers.json.
 * They favour recall: the classifier alone may miss a danger sign phrased in a way it never saw.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NLU_DATA_DIR } from './data-paths.js';

interface TriggerSpec {
  id: string;
  pattern: string;
  requires?: string;
}

interface TriggersFile {
  contexts: Record<string, string>;
  danger: TriggerSpec[];
  emergency: TriggerSpec[];
  unlessBefore: string;
  pastMarkers: string;
}

interface Trigger {
  id: string;
  /** Non-global copy for the cheap "does it match at all" test. */
  test: RegExp;
  re: RegExp;
  requires?: RegExp;
}

/** What the safety rules found in one normalised message. */
export interface SafetyMatch {
  /** Ids of the danger-sign triggers that fired (e.g. `bleeding`, `not-feeding`). */
  danger: string[];
  /** Ids of the emergency triggers that fired (e.g. `fire`, `accident`). */
  emergency: string[];
  /** Emergency triggers that matched but were cancelled by their context ("rawan kecelakaan"). */
  suppressed: string[];
  /** True when the message places the emergency in the past ("kemarin", "bulan lalu"). */
  past: boolean;
  /** True when the message talks about pregnancy, birth or a baby. */
  maternal: boolean;
}

/** The compiled safety triggers. */
export class SafetyRules {
  private readonly danger: Trigger[];
  private readonly emergency: Trigger[];
  private readonly unlessBefore: RegExp;
  private readonly pastMarkers: RegExp;
  private readonly maternal: RegExp;
  private readonly any: RegExp;

  constructor(file: string = path.join(NLU_DATA_DIR, 'safety-triggers.json')) {
    const spec = JSON.parse(readFileSync(file, 'utf8')) as TriggersFile;
    const contexts = new Map(Object.entries(spec.contexts).map(([k, v]) => [k, new RegExp(v)]));
    const compile = (t: TriggerSpec): Trigger => {
      const requires = t.requires ? contexts.get(t.requires) : undefined;
      if (t.requires && !requires) throw new Error(`safety-triggers.json: trigger ${t.id} requires unknown context ${t.requires}`);
      return { id: t.id, test: new RegExp(t.pattern), re: new RegExp(t.pattern, 'g'), requires };
    };
    this.danger = spec.danger.map(compile);
    this.emergency = spec.emergency.map(compile);
    // One pass that says whether any trigger can fire: most messages hold no safety word at all.
    this.any = new RegExp([...spec.danger, ...spec.emergency].map((t) => `(?:${t.pattern})`).join('|'));
    this.unlessBefore = new RegExp(spec.unlessBefore);
    this.pastMarkers = new RegExp(spec.pastMarkers);
    this.maternal = contexts.get('maternal') ?? /$^/;
  }

  /** Runs every trigger over normalised (lower-case) text; the patterns are case-sensitive for speed. */
  match(normalised: string): SafetyMatch {
    if (!this.any.test(normalised)) return { danger: [], emergency: [], suppressed: [], past: false, maternal: false };
    const suppressed: string[] = [];
    const danger = this.fire(this.danger, normalised, false, suppressed);
    const emergency = this.fire(this.emergency, normalised, true, suppressed);
    return {
      danger,
      emergency,
      suppressed: suppressed.filter((id) => !emergency.includes(id)),
      past: emergency.length > 0 && this.pastMarkers.test(normalised),
      maternal: this.maternal.test(normalised),
    };
  }

  private fire(triggers: readonly Trigger[], text: string, checkBefore: boolean, suppressed: string[]): string[] {
    const fired: string[] = [];
    for (const t of triggers) {
      if (!t.test.test(text) || (t.requires && !t.requires.test(text))) continue;
      t.re.lastIndex = 0;
      for (const m of text.matchAll(t.re)) {
        const before = text.slice(Math.max(0, m.index - 35), m.index);
        if (checkBefore && this.unlessBefore.test(before)) {
          suppressed.push(t.id);
          continue;
        }
        fired.push(t.id);
        break;
      }
    }
    return fired;
  }
}
