/** `pintu chat`: the terminal conversation uses the same engine and shows choices as numbers. */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/channels/console/console-chat.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ http: false });
});
afterAll(async () => t?.dispose());

describe('console chat', () => {
  it('opens with the Indonesian menu, answers by number, and ends on "keluar"', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c) => (printed += String(c)));
    const done = runConsoleChat(t.app.engine, input, output, 'console-test');
    input.write('4\n');
    input.write('keluar\n');
    input.write('halo\n');
    input.end();
    await done;
    expect(printed).toContain('Layanan yang bisa saya bantu');
    expect(printed).toMatch(/1\. Pengaduan/);
    expect(printed).toMatch(/4\. Tender LPSE/);
    expect(printed).toContain('data tender belum tersedia');
    // Only the opening welcome greets: the "halo" after "keluar" was never handled.
    expect(printed.match(/Selamat/g) ?? []).toHaveLength(1);
  });
});
