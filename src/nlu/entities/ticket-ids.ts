/**
 * Complaint ticket ids. Canonical form `PBL-YYYY-NNNNNN`; residents also type "pbl 2026 123", "PBL2026000123"
 * or "pbl-2026-123", which all mean `PBL-2026-000123`.
 */

const TICKET_RE = /(?<![a-z0-9])pbl[\s._/#:-]*(20\d{2})[\s._/#:-]*(\d{1,6})(?!\d)/gi;

/** Canonical ticket ids found in `text`, in order, without duplicates. */
export function extractTicketIds(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TICKET_RE)) {
    const id = `PBL-${m[1]}-${m[2]!.padStart(6, '0')}`;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
