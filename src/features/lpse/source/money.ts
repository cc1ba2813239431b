/**
 * Rupiah amounts as SPSE and ISB write them: full ("Rp 1.234.567.890,00", "Rp. 9.999.000,00") or abbreviated in
 * list rows ("15,9 M", "414,4 Jt", "1,2 T", "500 Jt"). Indonesian number format: "." groups thousands, ","
 * is the decimal comma; "M" is miliar (10^9), not million.
 */
import { SourceFormatError } from './errors.js';
import { normalizeSpace } from './plain-text.js';

/** Powers of ten of the abbreviations SPSE uses (and their spelled-out forms). */
const UNIT_EXPONENT: Record<string, number> = {
  rb: 3,
  ribu: 3,
  jt: 6,
  juta: 6,
  m: 9,
  miliar: 9,
  milyar: 9,
  t: 12,
  triliun: 12,
};

const MONEY = /^(?:(?:rp|idr)\.?\s*)?(\d[\d.,]*)\s*([a-z]+)?\.?$/i;

/** A decimal number split into its digits and the count of digits after the decimal separator. */
interface DecimalParts {
  integer: string;
  fraction: string;
}

/** `text` (digits with "." and ",") as integer and fraction digits, or null when the grouping is impossible. */
function splitDecimal(text: string): DecimalParts | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalSep: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalSep = text.indexOf(',') === lastComma ? ',' : null;
  else if (lastDot >= 0) {
    // One dot followed by exactly three digits groups thousands ("9.999"); otherwise it is a decimal point ("15.9").
    decimalSep = text.indexOf('.') === lastDot && text.length - lastDot - 1 !== 3 ? '.' : null;
  }
  const cut = decimalSep === null ? -1 : text.lastIndexOf(decimalSep);
  const integerPart = cut < 0 ? text : text.slice(0, cut);
  const fraction = cut < 0 ? '' : text.slice(cut + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = integerPart.split(/[.,]/);
  if (groups.length > 1 && (groups[0] === '' || groups.slice(1).some((g) => g.length !== 3))) return null;
  const integer = groups.join('');
  if (!/^\d+$/.test(integer)) return null;
  return { integer, fraction };
}

/**
 * A rupiah amount as a number (a finite non-negative number passes through, for JSON sources). Throws {@link SourceFormatError} naming `field` when `text` is not an amount
 * (e.g. "Nilai Kontrak belum dibuat", an empty cell, an unknown unit).
 *
 * @example parseMoney("15,9 M") === 15_900_000_000; parseMoney("Rp 1.234.567.890,00") === 1_234_567_890
 */
export function parseMoney(text: unknown, field = 'amount'): number {
  if (typeof text === 'number' && Number.isFinite(text) && text >= 0) return text;
  if (typeof text !== 'string') {
    throw new SourceFormatError('expected a rupiah amount as text', { field, value: text });
  }
  const cleaned = normalizeSpace(text);
  const match = MONEY.exec(cleaned);
  const parts = match ? splitDecimal(match[1]!) : null;
  const unit = match?.[2]?.toLowerCase();
  const exponent = unit === undefined ? 0 : UNIT_EXPONENT[unit];
  if (!match || !parts || exponent === undefined) {
    throw new SourceFormatError('not a rupiah amount (expected e.g. "Rp 1.234.567,00", "15,9 M" or "414,4 Jt")', {
      field,
      value: text,
    });
  }
  const digits = `${parts.integer}${parts.fraction}`.replace(/^0+(?=\d)/, '');
  const shift = exponent - parts.fraction.length;
  // Scale the digit string, not a float, so "15,9 M" is exactly 15 900 000 000.
  const value =
    shift >= 0 ? Number(digits) * 10 ** shift : Number(`${parts.integer}.${parts.fraction}`) * 10 ** exponent;
  if (!Number.isFinite(value)) {
    throw new SourceFormatError('amount out of range', { field, value: text });
  }
  return shift >= 0 ? value : Math.round(value * 100) / 100;
}

/** True when `text` reads as an abbreviated list-row amount such as "15,9 M" or "414,4 Jt" (no "Rp"). */
export function isAbbreviatedMoney(text: string): boolean {
  const match = /^\d[\d.,]*\s*([a-z]+)$/i.exec(text.trim());
  return match !== null && UNIT_EXPONENT[match[1]!.toLowerCase()] !== undefined;
}

/** True when `text` reads as a full rupiah amount with the "Rp" prefix ("Rp. 9.999.000,00"). */
export function isRupiahAmount(text: string): boolean {
  return /^(?:rp|idr)\.?\s*\d[\d.,]*$/i.test(normalizeSpace(text));
}
