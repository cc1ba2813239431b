/**
 * The SISKIA feature, assembled: registration and everyday flows, the loss and danger-sign hooks (safety first),
 * and the daily reminder planner.
 */
import type { Flow, SafetyHook } from '../../core/flow.js';
import type { I18n } from '../../core/i18n.js';
import type { OutboundMessage } from '../../core/messages.js';
import { careFlow } from './care-flow.js';
import { dangerWithFollowUp } from './danger-follow-up.js';
import { lossHook } from './loss-hook.js';
import type { SiskiaRepository } from './model.js';
import { registerFlow } from './register-flow.js';
import { ReminderPlanner, type ReminderSettings } from './reminder-planner.js';
import { SiskiaService } from './siskia-service.js';

/** The assembled feature. */
export interface SiskiaFeature {
  service: SiskiaService;
  planner: ReminderPlanner;
  flows: Flow[];
  /** In order: the loss hook, then danger signs (with the follow-up). They replace the engine's plain danger hook. */
  safetyHooks: SafetyHook[];
}

/** Builds SISKIA. */
export function createSiskia(deps: { repo: SiskiaRepository; i18n: I18n; notify(messages: OutboundMessage[]): Promise<unknown>; reminders?: ReminderSettings; followUpMinutes?: number }): SiskiaFeature {
  const service = new SiskiaService(deps.repo);
  const care = careFlow({ service });
  const register = registerFlow({ service, schedule: care.schedule, birth: care.birth });
  return {
    service,
    planner: new ReminderPlanner({ repo: deps.repo, i18n: deps.i18n, notify: deps.notify, settings: deps.reminders }),
    flows: [care.flow, register],
    safetyHooks: [lossHook(service), dangerWithFollowUp({ service, notify: deps.notify, followUpMinutes: deps.followUpMinutes })],
  };
}
