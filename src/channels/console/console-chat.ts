/** `pintu chat`: a terminal conversation with the same engine as every other channel (user id `console`). */
import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import { replyAsText } from '../../core/render.js';

/** Reads lines from `input`, prints Pintu's replies to `output`; ends on EOF or "keluar"/"exit". */
export async function runConsoleChat(engine: Engine, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, userId = 'console'): Promise<void> {
  const rl = createInterface({ input, terminal: false });
  // Take the iterator now: lines that arrive while the greeting is being answered must wait for us, not be dropped.
  const lines = rl[Symbol.asyncIterator]();
  const prompt = () => output.write('\n> ');
  const print = (lines: string[]) => output.write(lines.map((l) => `${l}\n`).join('\n'));
  let seq = 0;
  const say = async (text: string) => {
    const result = await engine.handle({ channel: 'console', address: userId, messageId: `console-${Date.now()}-${seq++}`, text, receivedAt: new Date() });
    print(result.replies.map(replyAsText));
  };
  await say('menu');
  prompt();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    if (['keluar', 'exit', 'quit'].includes(line.trim().toLowerCase())) break;
    try {
      await say(line);
    } catch (err) {
      output.write(`(Pintu cannot answer: ${(err as Error).message})\n`);
    }
    prompt();
  }
  rl.close();
}
