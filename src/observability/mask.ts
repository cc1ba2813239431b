/** Masks personal numbers in anything that goes to logs: Indonesian phone numbers and 16-digit NIK. */

// 16 digits (NIK), possibly grouped with spaces, dots or dashes.
const NIK = /(?<!\d)(\d{2})(?:[ .-]?\d){10}(?:[ .-]?(\d)){4}(?!\d)/g;
// +62 / 62 / 0 followed by 8 and 7–11 more digits, possibly grouped.
const PHONE = /(?<![\d+])(\+?62|0)([ .-]?8)((?:[ .-]?\d){6,10})((?:[ .-]?\d){2})(?!\d)/g;

/** The text with NIKs as `35**********1234`-style (first 2, last 4 kept) and phone numbers as `0812******89`. */
export function maskPii(text: string): string {
  return text
    .replace(NIK, (m) => {
      const digits = m.replace(/\D/g, '');
      return `${digits.slice(0, 2)}${'*'.repeat(10)}${digits.slice(-4)}`;
    })
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      return `${digits.slice(0, 4)}${'*'.repeat(Math.max(digits.length - 6, 0))}${digits.slice(-2)}`;
    });
}

// Driver errors quote the failed statement with its values ("insert into conversations … values (…, '{\"hpht\"…}') -
// database is locked"); the values may be health data, so only the driver's reason after " - " is kept.
const SQL_IN_ERROR = /\b(?:insert into|update|delete from|select|with s0 as)\b[^\n]*? - (?=(?:(?! - ).)*$)/gim;

/** The text with quoted SQL statements cut out of driver error messages (their values may be health data). */
export function redactSql(text: string): string {
  return text.replace(SQL_IN_ERROR, '[sql redacted] - ');
}

/** A deep copy of `value` with every string masked by {@link maskPii} and {@link redactSql}. Depth is bounded. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(redactSql(value));
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskDeep(value.message), stack: value.stack && maskDeep(value.stack) };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
