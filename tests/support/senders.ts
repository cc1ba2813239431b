/** Channel senders for tests: they record what reaches them and can be told to fail in the ways real channels do. */
import type { ChannelName, Reply } from '../../src/core/messages.js';
import type { ChannelSender } from '../../src/core/ports.js';

/** Records deliveries; `behaviour` decides per call whether to succeed or throw. */
export class RecordingSender implements ChannelSender {
  readonly delivered: { address: string; reply: Reply; at: number }[] = [];
  calls = 0;
  constructor(
    readonly channel: ChannelName,
    private readonly behaviour: (call: number, address: string, reply: Reply) => void | Promise<void> = () => undefined,
  ) {}

  async send(address: string, reply: Reply): Promise<void> {
    const call = ++this.calls;
    await this.behaviour(call, address, reply);
    this.delivered.push({ address, reply, at: Date.now() });
  }
}

/** Resolves when `predicate` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
