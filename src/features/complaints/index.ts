/**
 * The complaints feature, assembled: the service and the two conversations (filing, status and feedback).
 * The composition root gives it storage, the calendar, the city map and a way to send notifications.
 */
import type { Flow } from '../../core/flow.js';
import type { I18n } from '../../core/i18n.js';
import type { OutboundMessage } from '../../core/messages.js';
import type { ConversationStore } from '../../core/ports.js';
import type { WorkingCalendar } from '../../core/working-days.js';
import type { CityMap } from '../../geo/city-map.js';
import { ComplaintService, type ComplaintRules } from './complaint-service.js';
import { filingFlow } from './filing-flow.js';
import type { ComplaintRepository } from './model.js';
import type { Router } from './routing.js';
import { STATUS_FLOW, statusFlow } from './status-flow.js';

/** How long the reporter's "sudah beres / belum beres" is awaited as their conversation state. */
const FEEDBACK_STATE_MS = 14 * 86_400_000;

/** The assembled feature. */
export interface ComplaintsFeature {
  service: ComplaintService;
  repo: ComplaintRepository;
  flows: Flow[];
}

/** Builds the complaints feature. */
export function createComplaints(deps: {
  repo: ComplaintRepository;
  router: Router;
  calendar: WorkingCalendar;
  map: CityMap;
  i18n: I18n;
  conversations: ConversationStore;
  notify(messages: OutboundMessage[]): Promise<unknown>;
  now(): Date;
  rules?: ComplaintRules;
}): ComplaintsFeature {
  const service = new ComplaintService({
    repo: deps.repo,
    router: deps.router,
    calendar: deps.calendar,
    i18n: deps.i18n,
    notify: deps.notify,
    rules: deps.rules,
    async awaitFeedback(contact, complaint, choices) {
      // Only when the reporter is not in the middle of something else: their place there matters more, and the
      // buttons under the message work whatever state they are in.
      const current = await deps.conversations.load(contact.userId);
      const now = deps.now();
      if (current?.flow && current.expiresAt > now) return;
      await deps.conversations.save(contact.userId, { flow: STATUS_FLOW, step: 'feedback', data: { ticket: complaint.ticket }, choices, expiresAt: new Date(now.getTime() + FEEDBACK_STATE_MS) });
    },
  });
  return { service, repo: deps.repo, flows: [filingFlow({ service, map: deps.map }), statusFlow({ service })] };
}
