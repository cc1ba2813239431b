/**
 * Indonesian mobile numbers (08xx, +628xx, 628xx, with spaces, dots or dashes), normalised to digits with a
 * leading 62. Detected so they can be masked; spans already taken by a NIK or a ticket id are skipped.
 */

const PHONE_RE = /(?<![\d+])(?:\+?\s?62|0)[\s.-]?8[\s.-]?(?:\d[\s.-]?){6,11}\d(?![\d])/g;

/** A phone number found in text: normalised digits and where it was written. */
export interface PhoneMatch {
  phone: string;
  start: number;
  end: number;
}

/** Phone numbers in `text`, skipping the `[start, end)` ranges in `taken`. */
export function findPhones(text: string, taken: readonly { start: number; end: number }[] = []): PhoneMatch[] {
  const out: PhoneMatch[] = [];
  for (const m of text.matchAll(PHONE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some((t) => start < t.end && end > t.start)) continue;
    let digits = m[0].replace(/\D/g, '');
    digits = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
    // 62 + 8xx + 7..11 more digits: Indonesian mobile numbers are 10-13 digits after the 0.
    if (digits.length < 11 || digits.length > 15) continue;
    out.push({ phone: digits, start, end });
  }
  return out;
}

/** The distinct phone numbers in `text`, normalised to `62…`. */
export function extractPhones(text: string, taken: readonly { start: number; end: number }[] = []): string[] {
  return [...new Set(findPhones(text, taken).map((p) => p.phone))];
}
