/** The main menu: the four services, offered as choices that start their intents. */
import type { Choice, Reply } from './messages.js';
import type { Translate } from './i18n.js';
import type { IntentName } from './understanding.js';

/** Choice values that start an intent directly carry this prefix: `intent:govis.recommend`. */
export const INTENT_CHOICE_PREFIX = 'intent:';

/** The service each menu entry starts, in menu order. */
export const MENU_SERVICES = [
  { key: 'complaint', intent: 'complaint.file' },
  { key: 'siskia', intent: 'siskia.register' },
  { key: 'govis', intent: 'govis.recommend' },
  { key: 'lpse', intent: 'lpse.list' },
] as const satisfies readonly { key: string; intent: IntentName }[];

/** The choices of the main menu. */
export function menuChoices(t: Translate): Choice[] {
  return MENU_SERVICES.map((s) => ({ label: t(`menu.${s.key}`), value: `${INTENT_CHOICE_PREFIX}${s.intent}` }));
}

/** The main menu as one reply, optionally preceded by `lead` (e.g. "Maaf, saya belum paham"). */
export function menuReply(t: Translate, lead?: string): Reply {
  const text = [lead, t('menu.title'), t('menu.footer')].filter(Boolean).join('\n');
  return { text, choices: menuChoices(t) };
}

/** The menu service name of an intent, for "this service is coming" notices. */
export function serviceKeyOf(intent: IntentName): string | undefined {
  const prefix = intent.split('.')[0];
  return MENU_SERVICES.find((s) => s.intent.startsWith(`${prefix}.`))?.key;
}
