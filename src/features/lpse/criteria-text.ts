/** A subscription in one short line for the vendor: "kata kunci: jalan · Pekerjaan Konstruksi · HPS ≥ Rp 500 juta". */
import type { Locale, Translate } from '../../core/i18n.js';
import type { SubscriptionCriteria } from './model.js';
import { formatRupiah } from './tender-text.js';

/** The criteria as the vendor would say them back. */
export function describeCriteria(c: SubscriptionCriteria, t: Translate, locale: Locale): string {
  const parts: string[] = [];
  if (c.keywords.length) parts.push(t('lpse.summary.keywords', { words: c.keywords.map((g) => `"${g.join(' ')}"`).join(t('lpse.summary.or')) }));
  if (c.jenis?.length) parts.push(c.jenis.map((j) => t(`lpse.jenis.${j}`)).join(t('lpse.summary.or')));
  if (c.hpsMin !== undefined && c.hpsMax !== undefined) parts.push(t('lpse.summary.hps_between', { min: formatRupiah(c.hpsMin, locale), max: formatRupiah(c.hpsMax, locale) }));
  else if (c.hpsMin !== undefined) parts.push(t('lpse.summary.hps_min', { min: formatRupiah(c.hpsMin, locale) }));
  else if (c.hpsMax !== undefined) parts.push(t('lpse.summary.hps_max', { max: formatRupiah(c.hpsMax, locale) }));
  if (c.kualifikasi) parts.push(t(`lpse.kualifikasi.${c.kualifikasi}`));
  if (c.instansi) parts.push(c.instansi.label);
  if (c.exclude.length) parts.push(t('lpse.summary.except', { words: c.exclude.map((w) => `"${w}"`).join(', ') }));
  return parts.join(' · ');
}

/** True when two criteria ask for the same thing (a vendor subscribing twice). */
export function sameCriteria(a: SubscriptionCriteria, b: SubscriptionCriteria): boolean {
  const norm = (c: SubscriptionCriteria) =>
    JSON.stringify({
      k: c.keywords.map((g) => [...g].sort()).sort(),
      x: [...c.exclude].sort(),
      j: [...(c.jenis ?? [])].sort(),
      min: c.hpsMin ?? null,
      max: c.hpsMax ?? null,
      q: c.kualifikasi ?? null,
      i: c.instansi?.words ?? null,
    });
  return norm(a) === norm(b);
}
