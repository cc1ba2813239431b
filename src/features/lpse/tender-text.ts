/**
 * How tenders read in a chat: rupiah amounts ("Rp 927,9 juta"), WIB times ("Sen, 7 Des 2026 15.00 WIB") and a
 * short card per tender, in the vendor's language.
 */
import type { Locale, Translate } from '../../core/i18n.js';
import { inWib } from '../../core/clock.js';
import type { Tender } from './source/index.js';
import { jenisOf } from './tender-facets.js';

/** Number formats per language (making one costs more than formatting a thousand numbers). */
const NUMBER_FORMATS = new Map<string, { short: Intl.NumberFormat; whole: Intl.NumberFormat }>();

function numberFormats(locale: Locale): { short: Intl.NumberFormat; whole: Intl.NumberFormat } {
  const lang = locale === 'en' ? 'en' : 'id-ID';
  let formats = NUMBER_FORMATS.get(lang);
  if (!formats) {
    formats = { short: new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }), whole: new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }) };
    NUMBER_FORMATS.set(lang, formats);
  }
  return formats;
}

/** An amount in rupiah, short: "Rp 950.000", "Rp 927,9 juta", "Rp 15,9 miliar". */
export function formatRupiah(rupiah: number, locale: Locale): string {
  const formats = numberFormats(locale);
  const units: [number, string, string][] = [
    [1e12, 'triliun', 'trillion'],
    [1e9, 'miliar', 'billion'],
    [1e6, 'juta', 'million'],
  ];
  for (const [size, id, en] of units) {
    if (rupiah >= size) {
      const n = formats.short.format(rupiah / size);
      return `Rp ${n} ${locale === 'en' ? en : id}`;
    }
  }
  return `Rp ${formats.whole.format(rupiah)}`;
}

/** A moment in WIB for a phone screen: "Sen, 7 Des 2026 15.00 WIB" / "Mon, 7 Dec 2026 15:00 WIB". */
export function formatWib(date: Date, locale: Locale): string {
  const dt = inWib(date).setLocale(locale === 'en' ? 'en-GB' : 'id');
  return `${dt.toFormat(locale === 'en' ? 'ccc, d LLL yyyy HH:mm' : 'ccc, d LLL yyyy HH.mm')} WIB`;
}

/** A tender in a few lines: name, HPS · jenis · kualifikasi, satker, deadlines, link. */
export function tenderCard(tender: Tender, t: Translate, locale: Locale, n?: number): string {
  const lines = [`${n === undefined ? '' : `${n}. `}${tender.name}${tender.retender ? ` (${t('lpse.card.retender')})` : ''}`];
  const facts: string[] = [];
  if (tender.hps !== undefined) facts.push(t('lpse.card.hps', { amount: formatRupiah(tender.hps, locale) }));
  const jenis = jenisOf(tender.jenis);
  if (jenis) facts.push(t(`lpse.jenis.${jenis}`));
  if (tender.kualifikasi) facts.push(t('lpse.card.kualifikasi', { value: tender.kualifikasi }));
  if (facts.length) lines.push(facts.join(' · '));
  const owner = tender.satker ?? tender.instansi;
  if (owner) lines.push(owner);
  if (tender.registrationDeadline) lines.push(t('lpse.card.register_until', { at: formatWib(tender.registrationDeadline, locale) }));
  if (tender.uploadDeadline) lines.push(t('lpse.card.upload_until', { at: formatWib(tender.uploadDeadline, locale) }));
  lines.push(t('lpse.card.code', { kode: tender.kode }));
  lines.push(tender.url);
  return lines.join('\n');
}
