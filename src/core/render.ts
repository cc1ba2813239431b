/** Text rendering for channels without buttons (console, WhatsApp): choices become a numbered list. */
import type { Reply } from './messages.js';

/** The reply's text followed by its choices as "1. …" lines; answering "2" picks the second (see `matchChoice`). */
export function replyAsText(reply: Reply): string {
  if (!reply.choices?.length) return reply.text;
  const lines = reply.choices.map((c, i) => `${i + 1}. ${c.label}`);
  return `${reply.text}\n\n${lines.join('\n')}`;
}
