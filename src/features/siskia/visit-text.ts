/** How visits and dates read in SISKIA's messages. */
import type { Translate } from '../../core/i18n.js';
import type { Locale } from '../../core/i18n.js';
import type { PlanVisit } from './care-plan.js';
import { formatDate } from './dates.js';
import type { SiskiaProfile } from './model.js';

/** "Imunisasi BCG (bayi 2)": the visit's label, naming the child when there are several. */
export function visitName(v: PlanVisit, profile: SiskiaProfile, t: Translate, locale: Locale): string {
  const label = v.label[locale] ?? v.label.id;
  if (!v.childId) return label;
  const children = profile.record.children;
  const index = children.findIndex((c) => c.childId === v.childId);
  return children.length > 1 ? `${label} (${t('siskia.child_n', { n: index + 1 })})` : label;
}

/** One line per visit: name and day. */
export function visitLines(visits: PlanVisit[], profile: SiskiaProfile, t: Translate, locale: Locale): string[] {
  return visits.map((v) => t('siskia.visit_line', { visit: visitName(v, profile, t, locale), date: formatDate(v.date, locale) }));
}
