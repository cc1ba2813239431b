/**
 * Health data never reaches the logs: a whole registration, a danger sign, reminders planned and an erase, with the
 * logger at debug level writing to memory, leave no date, symptom or phone number in any log line.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { resident } from '../support/script.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});
const clock = new FixedClock('2026-11-30T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock, logger: pino({ level: 'debug' }, sink), env: { LOG_LEVEL: 'debug', USER_RATE_LIMIT: '100/1000' } });
});
afterAll(async () => t?.dispose());

describe('health data and logs', () => {
  it('leaves no health data in any log line', async () => {
    const r = resident(t.app, '6281234567890@s.whatsapp.net');
    await r.send('daftar kehamilan');
    await r.send('setuju');
    await r.send('hamil');
    await r.send('01/06/2026');
    await r.send('27');
    await r.send('Puskesmas Kanigaran');
    await r.send('tolong keluar darah banyak dari jalan lahir');
    clock.set('2026-12-06T22:00:00Z');
    await t.app.siskiaReminders.runOnce();
    await r.send('hapus data');
    await r.send('ya');
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ['2026-06-01', '01/06/2026', '2027-03-08', 'darah', 'Kanigaran', '6281234567890', 'K4']) expect(all, secret).not.toContain(secret);
  });
});
