/**
 * Danger signs, SISKIA's part: the engine's danger-sign answer comes first (for anyone); for a registered mother
 * who consented, the alert is recorded (time only) and a follow-up asks 20 minutes later whether she is on her way
 * to a health facility.
 */
import { dangerSignHook } from '../../core/intent-safety-hook.js';
import type { SafetyHook } from '../../core/flow.js';
import type { OutboundMessage } from '../../core/messages.js';
import type { SiskiaService } from './siskia-service.js';

/** Minutes between a danger-sign answer and the follow-up question. */
export const FOLLOW_UP_MINUTES = 20;

/** The danger-sign hook with the follow-up for consenting mothers. */
export function dangerWithFollowUp(deps: { service: SiskiaService; notify(messages: OutboundMessage[]): Promise<unknown>; followUpMinutes?: number }): SafetyHook {
  const inner = dangerSignHook();
  return {
    name: inner.name,
    async check(ctx) {
      const verdict = await inner.check(ctx);
      if (!verdict?.stop) return verdict;
      const profile = await deps.service.active(ctx.user.userId);
      if (profile) {
        const alertId = await deps.service.repo.recordAlert(ctx.user.userId, ctx.now);
        const { t } = ctx;
        await deps.notify([
          {
            channel: ctx.message.channel,
            address: ctx.message.address,
            userId: ctx.user.userId,
            kind: 'notice',
            delayMs: (deps.followUpMinutes ?? FOLLOW_UP_MINUTES) * 60_000,
            reply: {
              text: t('siskia.follow_up.ask'),
              choices: [
                { label: t('siskia.follow_up.yes'), value: `siskia:followup:yes:${alertId}` },
                { label: t('siskia.follow_up.no'), value: `siskia:followup:no:${alertId}` },
              ],
            },
          },
        ]);
      }
      return verdict;
    },
  };
}
