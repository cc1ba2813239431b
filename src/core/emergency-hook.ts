/**
 * The first safety hook: fire, accidents and crimes in progress are not complaints. Whatever the resident is
 * doing, Pintu tells them to call 112 at once.
 */
import type { SafetyHook } from './flow.js';

/**
 * Answers emergencies with the emergency numbers. From `stopAt` confidence the answer is the emergency message
 * alone; from `noticeAt` a one-line reminder of 112 goes before the ordinary answer, because a missed emergency
 * is worse than a needless reminder, but a resident who just wrote "jalan" should still get an answer.
 */
export function emergencyHook(opts: { noticeAt?: number; stopAt?: number } = {}): SafetyHook {
  const noticeAt = opts.noticeAt ?? 0.3;
  const stopAt = opts.stopAt ?? 0.6;
  return {
    name: 'emergency',
    async check(ctx) {
      if (!ctx.text) return null;
      const u = ctx.understanding();
      const score = u.intent === 'emergency' ? u.confidence : (u.alternatives.find((a) => a.label === 'emergency')?.confidence ?? 0);
      if (score >= stopAt) return { replies: [{ text: ctx.t('emergency.text') }], stop: true };
      if (score >= noticeAt) return { replies: [{ text: ctx.t('emergency.maybe') }], stop: false };
      return null;
    },
  };
}
