/**
 * Long replies cut into pieces a channel accepts (Telegram: 4,096 characters), at the most natural place that
 * fits: a blank line, then a line break, then the end of a sentence, then a space; only a single word longer than
 * the limit is cut inside.
 */

const BREAKS: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…](?=\s)/g, /\s/g];

/** `text` in pieces of at most `max` characters (UTF-16 code units, as Telegram counts), trimmed, none empty. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new Error(`splitText needs a positive limit, got ${max}.`);
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = bestCut(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Where to cut `text` so the first piece has at most `max` characters. */
function bestCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const pattern of BREAKS) {
    let last = -1;
    for (const m of window.matchAll(pattern)) {
      // A sentence end keeps its punctuation; other breaks are dropped with the whitespace.
      const at = pattern.source.startsWith('[.!?') ? m.index + m[0].length : m.index;
      if (at > 0 && at <= max) last = at;
    }
    // Only a break in the second half is worth it; an early one would make a tiny piece.
    if (last >= max / 2) return last;
  }
  // Never split a surrogate pair (an emoji) in two.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
