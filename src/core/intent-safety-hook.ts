/**
 * Safety hooks driven by a safety intent of the NLU (`emergency`, `siskia.danger`): whatever the resident is doing,
 * a strong signal is answered at once with what to do now, and a weak one gets a one-line reminder before the
 * ordinary answer — a missed emergency is worse than a needless reminder, but a resident who just wrote "jalan"
 * should still get an answer.
 */
import type { SafetyHook } from './flow.js';
import type { IntentName } from './understanding.js';

/** How a safety intent is answered. */
export interface IntentSafetyOptions {
  intent: IntentName;
  /** Locale key of the full answer (strong signal). */
  answerKey: string;
  /** Locale key of the one-line reminder (weak signal). */
  reminderKey: string;
  /** From this confidence: a reminder before the normal answer. Default 0.3. */
  noticeAt?: number;
  /** From this confidence: the full answer alone. Default 0.6. */
  stopAt?: number;
}

/** A hook for one safety intent, scoring it whether it is the NLU's top intent or an alternative. */
export function intentSafetyHook(opts: IntentSafetyOptions): SafetyHook {
  const noticeAt = opts.noticeAt ?? 0.3;
  const stopAt = opts.stopAt ?? 0.6;
  return {
    name: opts.intent,
    async check(ctx) {
      if (!ctx.text) return null;
      const u = ctx.understanding();
      const score = u.intent === opts.intent ? u.confidence : (u.alternatives.find((a) => a.label === opts.intent)?.confidence ?? 0);
      if (score >= stopAt) return { replies: [{ text: ctx.t(opts.answerKey) }], stop: true };
      if (score >= noticeAt) return { replies: [{ text: ctx.t(opts.reminderKey) }], stop: false };
      return null;
    },
  };
}

/** Fire, accidents, crimes in progress: call 112 now. */
export const emergencyHook = (): SafetyHook => intentSafetyHook({ intent: 'emergency', answerKey: 'emergency.text', reminderKey: 'emergency.maybe' });

/**
 * Danger signs in pregnancy, after birth and in newborns (DESIGN §4): go to a puskesmas or hospital now, call 112
 * or 119. Even for residents who never registered with SISKIA; no diagnosis, no advice to wait.
 */
export const dangerSignHook = (): SafetyHook => intentSafetyHook({ intent: 'siskia.danger', answerKey: 'danger.text', reminderKey: 'danger.maybe' });
