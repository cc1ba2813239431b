/** Clean-up of raw message text before anything reads it. */

/** The cleaned text and what clean-up noticed. */
export interface PreparedText {
  text: string;
  /** The original was longer than the limit and was cut. */
  truncated: boolean;
  /** Nothing but emoji, symbols and spaces. */
  emojiOnly: boolean;
}

// C0/C1 control characters except tab and newline, plus bidi overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Component}\p{S}\p{P}\s\u200D\uFE0F]+$/u;

/** Normalises Unicode, removes control characters, trims, and cuts the text to `maxChars` code points. */
export function prepareText(raw: string | undefined, maxChars: number): PreparedText {
  const cleaned = (raw ?? '').normalize('NFC').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  const points = Array.from(cleaned);
  const truncated = points.length > maxChars;
  const text = truncated ? points.slice(0, maxChars).join('').trim() : cleaned;
  const emojiOnly = text.length > 0 && EMOJI_ONLY.test(text) && /[\p{Extended_Pictographic}]/u.test(text);
  return { text, truncated, emojiOnly };
}
