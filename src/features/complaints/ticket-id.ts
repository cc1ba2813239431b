/** Ticket ids `PBL-YYYY-NNNNNN`: formatting, parsing, and finding them in text. */

const TICKET = /\bPBL[-\s]?(\d{4})[-\s]?(\d{1,6})\b/i;

/** The ticket id for the `seq`-th complaint of `year`. */
export function formatTicket(year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`Ticket sequence ${seq} is out of range 1..999999 for ${year}.`);
  return `PBL-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Reads a ticket id as residents type it ("pbl-2026-123", "PBL 2026 000123") into its canonical form, or `undefined`
 * when the text holds none.
 */
export function parseTicket(text: string): string | undefined {
  const m = TICKET.exec(text);
  if (!m) return undefined;
  const seq = Number(m[2]);
  return seq >= 1 ? formatTicket(Number(m[1]), seq) : undefined;
}

/** Whether the text contains something that looks like an attempt at a ticket id ("PBL-20X", "pbl 123"). */
export function looksLikeTicketAttempt(text: string): boolean {
  return /\bPBL\b|\bPBL[-\s]?\d/i.test(text);
}
