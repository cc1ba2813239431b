/**
 * The first safety hook: fire, accidents and crimes in progress are not complaints. Whatever the resident is
 * doing, Pintu tells them to call 112 at once.
 */
import type { SafetyHook } from './flow.js';

/** Answers emergencies (intent `emergency`, any confidence above `minConfidence`) with the emergency numbers. */
export function emergencyHook(minConfidence = 0.3): SafetyHook {
  return {
    name: 'emergency',
    async check(ctx) {
      if (!ctx.text) return null;
      const u = ctx.understanding();
      const score = u.intent === 'emergency' ? u.confidence : (u.alternatives.find((a) => a.label === 'emergency')?.confidence ?? 0);
      return score >= minConfidence ? [{ text: ctx.t('emergency.text') }] : null;
    },
  };
}
