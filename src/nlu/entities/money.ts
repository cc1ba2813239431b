/**
 * Amounts of money in rupiah: "Rp 750.000", "rp750rb", "200 juta", "500jt", "1,5 M", "1.5 miliar", "15,9 M",
 * "414,4 Jt" (the SPSE abbreviations), "50k", "300 ribu rupiah". Needs a currency or a unit: a bare number is not
 * money. A lower-case "m" or "t" ("2 m") counts only next to a money word, since it is more often metres.
 */
import type { MoneyEntity } from '../../core/understanding.js';

const MONEY_RE =
  /(?<![\w.,])(rp\.?\s*)?(\d+(?:[.,]\d+)*)(?:\s*(ribu|rbu|rb|k|juta|jta|jt|miliar|milyar|m|triliun|t|rupiah)\b)?/gi;
const MULTIPLIER: Record<string, number> = {
  ribu: 1e3, rbu: 1e3, rb: 1e3, k: 1e3, juta: 1e6, jta: 1e6, jt: 1e6, miliar: 1e9, milyar: 1e9, m: 1e9,
  triliun: 1e12, t: 1e12, rupiah: 1,
};
const MONEY_CONTEXT = /\b(rp|rupiah|harga|hps|pagu|biaya|nilai|anggaran|dana|uang|bayar|dibayar|tarif|ongkos|modal|senilai|sebesar|kontrak)\b[^.!?]{0,30}$/i;

/** Reads "1.500.000", "750.000,00", "1,5", "1.5", "414,4" (Indonesian grouping and decimal comma). */
export function parseAmount(s: string): number {
  const seps = s.match(/[.,]/g) ?? [];
  if (seps.length === 0) return Number(s);
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  const tail = s.slice(lastSep + 1);
  const kinds = new Set(seps);
  if (kinds.size === 2) {
    // Both kinds: the last one is the decimal separator when 1-2 digits follow it.
    const decimal = tail.length <= 2 ? tail : '';
    const whole = (decimal ? s.slice(0, lastSep) : s).replace(/[.,]/g, '');
    return Number(decimal ? `${whole}.${decimal}` : whole);
  }
  const groups = s.split(/[.,]/);
  // One kind only: groups of exactly three digits are thousands ("1.500" = 1500), anything else a decimal.
  if (groups.slice(1).every((g) => g.length === 3)) return Number(groups.join(''));
  if (seps.length === 1) return Number(s.replace(',', '.'));
  return Number.NaN;
}

/** Money amounts in cleaned (case-preserving) text, in reading order. */
export function extractMoney(clean: string): MoneyEntity[] {
  const out: MoneyEntity[] = [];
  for (const m of clean.matchAll(MONEY_RE)) {
    const prefix = m[1];
    const unitRaw = m[3];
    if (!prefix && !unitRaw) continue;
    const unit = unitRaw?.toLowerCase();
    if (unit === 'm' || unit === 't') {
      const upper = unitRaw === unitRaw!.toUpperCase();
      const context = prefix || MONEY_CONTEXT.test(clean.slice(Math.max(0, m.index - 40), m.index));
      if (!(unit === 'm' ? upper || context : upper && context)) continue;
    }
    const amount = parseAmount(m[2]!);
    const rupiah = Math.round(amount * (unit ? MULTIPLIER[unit]! : 1));
    if (!Number.isFinite(rupiah) || rupiah <= 0) continue;
    out.push({ text: m[0].trim(), rupiah });
  }
  return out;
}
