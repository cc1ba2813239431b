/**
 * `pintu nlu`: reads JSON lines `{"text": "..."}` and writes one JSON line per input line,
 * `{"intent", "confidence", "category"?, "entities"}`, or `{"error": "..."}` for a line it cannot read, and goes on.
 * Output order follows input order; writing waits for the output to drain (backpressure).
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Understander } from '../core/understanding.js';

/** Options for {@link runNluStream}. */
export interface StreamOptions {
  /** Include the normalised text and alternatives in each result (default false). */
  verbose?: boolean;
}

function resultLine(nlu: Understander, line: string, now: Date, verbose: boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'invalid JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return JSON.stringify({ error: 'expected an object like {"text": "..."}' });
  }
  const text = (parsed as { text?: unknown }).text;
  if (typeof text !== 'string') return JSON.stringify({ error: 'missing string field "text"' });
  const u = nlu.understand(text, now);
  return JSON.stringify({
    intent: u.intent,
    confidence: u.confidence,
    ...(u.category ? { category: u.category } : {}),
    entities: u.entities,
    ...(verbose ? { alternatives: u.alternatives, normalized: u.normalized } : {}),
  });
}

/**
 * Streams JSON lines from `input` through `nlu` to `output`. Blank lines are skipped. Resolves with the number
 * of lines answered once input ends; `now` pins relative dates (default: the time each line is read).
 */
export async function runNluStream(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  nlu: Understander,
  now?: Date,
  options: StreamOptions = {},
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let count = 0;
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const out = resultLine(nlu, line, now ?? new Date(), options.verbose ?? false);
    count++;
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  return count;
}
