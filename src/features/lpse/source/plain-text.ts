/** Text clean-up shared by the HTML and JSON parsers (no HTML parser needed, so the ISB adapter stays light). */

/** Collapse every run of whitespace (incl. non-breaking spaces) to one space and trim. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
