import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { emptyEntities, type Understander } from '../../src/core/understanding.js';
import { createNlu, runNluStream } from '../../src/nlu/index.js';

/** Answers with the text length as confidence, so the test can check order without training a model. */
const echo: Understander = {
  understand: (text) => ({
    intent: text === 'halo' ? 'greeting' : 'unknown',
    confidence: Math.min(1, text.length / 1000),
    alternatives: [],
    entities: emptyEntities(),
    normalized: text,
  }),
};

async function run(lines: string[], nlu: Understander = echo): Promise<Record<string, unknown>[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await runNluStream(Readable.from([lines.join('\n')]), out, nlu, new Date('2026-11-28T03:00:00Z'));
  out.end();
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('runNluStream', () => {
  it('answers one JSON line per input line, in order, and reports malformed lines without stopping', async () => {
    const results = await run(['{"text": "halo"}', 'not json', '{"nope": 1}', '[1,2]', '{"text": 5}', '', '{"text": "abc"}']);
    expect(results).toHaveLength(6);
    expect(results[0]).toMatchObject({ intent: 'greeting' });
    expect(results[1]).toEqual({ error: 'invalid JSON' });
    expect(results[2]).toHaveProperty('error');
    expect(results[3]).toHaveProperty('error');
    expect(results[4]).toHaveProperty('error');
    expect(results[5]).toMatchObject({ intent: 'unknown', confidence: 0.003 });
    expect(results[5]).toHaveProperty('entities');
  });

  it('streams thousands of lines through a slow output without losing or reordering any', async () => {
    const n = 5000;
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ text: 'x'.repeat(i % 900) }));
    const received: string[] = [];
    let pending = '';
    const slow = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _enc, done) {
        pending += chunk.toString('utf8');
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        received.push(...parts);
        setImmediate(done);
      },
    });
    const count = await runNluStream(Readable.from(lines.map((l) => `${l}\n`)), slow, echo);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(count).toBe(n);
    expect(received).toHaveLength(n);
    received.forEach((line, i) => {
      expect((JSON.parse(line) as { confidence: number }).confidence).toBe(Math.min(1, (i % 900) / 1000));
    });
  });

  it('writes intent, confidence, category and entities with the real NLU', async () => {
    const nlu = createNlu();
    const [result] = await run(['{"text": "lampu pju di gg 3 jl. mastrip mati udh seminggu min"}'], nlu);
    expect(result).toMatchObject({ intent: 'complaint.file', category: { label: 'lampu' } });
    expect((result!.entities as { streets: string[] }).streets).toEqual(['Jalan Mastrip']);
  });
});

describe('importing the NLU', () => {
  it('prints nothing to stdout (pintu nlu writes JSON there)', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', "await import('./src/nlu/index.ts')"], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(out).toBe('');
  });
});
