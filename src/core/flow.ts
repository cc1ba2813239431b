/**
 * Flows: the state machines features register into. A flow starts on one of its intents, answers, and says
 * which step comes next; the engine persists that step between messages and applies timeouts.
 */
import type { Choice, InboundMessage, Reply } from './messages.js';
import type { ResolvedUser } from './ports.js';
import type { IntentName, Understanding } from './understanding.js';
import type { Locale, Translate } from './i18n.js';

/** Everything a flow or a safety hook may look at for one turn. */
export interface TurnContext {
  message: InboundMessage;
  /** The message text after clean-up (control characters removed, trimmed, length-capped). */
  text: string;
  /** The value of the button or numbered option the resident picked, if any. */
  choice?: string;
  user: ResolvedUser;
  locale: Locale;
  t: Translate;
  now: Date;
  /** What the NLU made of the text (computed once, on first use). */
  understanding(): Understanding;
}

/** What a flow answers for one turn. */
export interface FlowStep {
  replies: Reply[];
  /** The step to resume at with the resident's next message; `null` ends the flow. */
  next: { step: string; data: Record<string, unknown> } | null;
  /**
   * The message is not an answer to this flow's question but a new request (a resident who was asked "sudah beres?"
   * and writes "mau lapor"), or a claimed message turned out not to be this flow's: the flow ends and the engine
   * routes the message as if no flow were active.
   */
  handOff?: boolean;
}

/** A conversation a feature owns (filing a complaint, registering a pregnancy, …). */
export interface Flow {
  /** Unique, stable name; persisted in conversation state. */
  readonly name: string;
  /** Intents that start this flow when no flow is active. */
  readonly intents: readonly IntentName[];
  start(ctx: TurnContext): Promise<FlowStep>;
  resume(ctx: TurnContext, step: string, data: Record<string, unknown>): Promise<FlowStep>;
  /**
   * Messages this flow takes whatever the NLU says: buttons under a notification (`complaint:beres:PBL-…`) at any
   * time, and fixed phrases ("cek PBL-2026-000123") when no other flow is active. A claimed turn runs `start`; when
   * another flow was active, its place is kept.
   */
  claims?(ctx: TurnContext, inOtherFlow: boolean): boolean;
  /** A line for the resident when their unfinished conversation in this flow expired (what was not kept). */
  readonly expiredKey?: string;
}

/**
 * What a safety hook decided: `stop` answers the message with `replies` alone (the resident's flow stays where it
 * was); otherwise `replies` go first and the turn continues (a "if this is an emergency, call 112" line before an
 * ordinary answer, when the signal is weak).
 */
export interface SafetyVerdict {
  replies: Reply[];
  stop: boolean;
}

/** Runs before any flow on every message, even for unknown users; `null` means nothing to say. */
export interface SafetyHook {
  readonly name: string;
  check(ctx: TurnContext): Promise<SafetyVerdict | null>;
}

/** Flows by name and by starting intent. */
export class FlowRegistry {
  private readonly byName = new Map<string, Flow>();
  private readonly byIntent = new Map<IntentName, Flow>();

  /** Adds a flow; a second flow for the same name or intent is a wiring bug. */
  register(flow: Flow): this {
    if (this.byName.has(flow.name)) throw new Error(`Flow "${flow.name}" is registered twice; check the composition root.`);
    for (const intent of flow.intents) {
      const other = this.byIntent.get(intent);
      if (other) throw new Error(`Intent "${intent}" is claimed by flows "${other.name}" and "${flow.name}"; give it to one.`);
      this.byIntent.set(intent, flow);
    }
    this.byName.set(flow.name, flow);
    return this;
  }

  byFlowName(name: string): Flow | undefined {
    return this.byName.get(name);
  }

  forIntent(intent: IntentName): Flow | undefined {
    return this.byIntent.get(intent);
  }

  /** The first flow that claims this message, if any. */
  claimant(ctx: TurnContext, inOtherFlow: boolean): Flow | undefined {
    for (const flow of this.byName.values()) if (flow.claims?.(ctx, inOtherFlow)) return flow;
    return undefined;
  }
}

/** Finds which offered choice a free-text answer means: "2", the value, or the start of the label. */
export function matchChoice(text: string, choices: readonly Choice[] | undefined): Choice | undefined {
  if (!choices?.length) return undefined;
  const said = text.trim().toLowerCase().replace(/[.)!?]+$/, '');
  if (!said) return undefined;
  if (/^\d{1,2}$/.test(said)) return choices[Number(said) - 1];
  return choices.find((c) => {
    const label = c.label.toLowerCase();
    return c.value.toLowerCase() === said || label === said || (said.length >= 4 && label.startsWith(said));
  });
}
