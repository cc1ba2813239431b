/**
 * The foundation's conversations, turn by turn, on the web channel with the real engine, NLU, database and Redis.
 * "Today" is pinned: 2026-11-28 10:00 WIB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { OutboundLog } from '../../src/db/entities.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { resident } from '../support/script.js';

const clock = new FixedClock('2026-11-28T03:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock, env: { CONVERSATION_TIMEOUT_MINUTES: '30', USER_RATE_LIMIT: '10/5000' } });
});
afterAll(async () => t?.dispose());

const MENU_VALUES = ['intent:complaint.file', 'intent:siskia.register', 'intent:govis.recommend', 'intent:lpse.list'];

describe('greeting and menu', () => {
  it('greets by the WIB time of day and offers the four services; the choice is remembered', async () => {
    const r = resident(t.app);
    const turn = await r.send('halo');
    expect(turn.text).toContain('Selamat pagi');
    expect(turn.text).toContain('Pintu');
    expect(turn.replies.at(-1)?.choices?.map((c) => c.value)).toEqual(MENU_VALUES);
    expect(turn.state).toMatchObject({ flow: null, choices: expect.any(Array) });

    clock.set('2026-11-28T12:30:00Z'); // 19:30 WIB
    const evening = await r.send('assalamualaikum');
    expect(evening.text).toContain('Selamat malam');
    clock.set('2026-11-28T03:00:00Z');
  });

  it('"menu" works from anywhere; a number picks from the last menu', async () => {
    const r = resident(t.app);
    const menu = await r.send('menu');
    expect(menu.text).toContain('Layanan yang bisa saya bantu');
    const picked = await r.send('3');
    // The third entry is GOVIS: it asks what kind of place first.
    expect(picked.text).toContain('Mau cari apa');
    expect(picked.state).toMatchObject({ flow: 'govis.recommend' });
  });

  it('answers out-of-scope messages with the menu', async () => {
    const r = resident(t.app);
    const turn = await r.send('harga emas hari ini berapa ya');
    expect(turn.text).toContain('Maaf, saya belum paham');
    expect(turn.replies.at(-1)?.choices).toHaveLength(4);
  });

  it('switches to English and back on request', async () => {
    const r = resident(t.app);
    expect((await r.send('english')).text).toContain("I'll answer in English");
    expect((await r.send('menu')).text).toContain('Here is what I can help with');
    expect((await r.send('bahasa indonesia')).text).toContain('Bahasa Indonesia');
    expect((await r.send('menu')).text).toContain('Layanan yang bisa saya bantu');
  });
});

describe('safety first', () => {
  it('answers an emergency at once with 112, from any state, and keeps the resident in place', async () => {
    const r = resident(t.app);
    await r.send('menu');
    const turn = await r.send('tolong ada kebakaran di gang 4 apinya besar');
    expect(turn.text).toContain('112');
    expect(turn.state?.choices?.map((c) => c.value)).toEqual(MENU_VALUES);
  });
});

describe('bad input gets a clear, polite answer', () => {
  it('empty and whitespace-only messages', async () => {
    const r = resident(t.app);
    expect((await r.send('')).text).toContain('Pesan Anda kosong');
    expect((await r.send('   \n\t ')).text).toContain('Pesan Anda kosong');
  });

  it('emoji-only messages', async () => {
    const r = resident(t.app);
    expect((await r.send('👍👍🙏')).text).toContain('tulis keperluan Anda');
  });

  it('10,000-character messages are read up to the limit, with a notice', async () => {
    const r = resident(t.app);
    const turn = await r.send('jalan rusak '.repeat(910).slice(0, 10_000));
    expect(turn.text).toContain('hanya 4000 huruf pertama');
    expect(turn.replies.length).toBeGreaterThanOrEqual(2);
  });

  it('control characters are stripped, not echoed or choked on', async () => {
    const r = resident(t.app);
    const turn = await r.send('\u0000\u0007me\u202Enu\u0008');
    expect(turn.text).toContain('Layanan yang bisa saya bantu');
  });

  it('an unknown button gets the menu again', async () => {
    const r = resident(t.app);
    await r.send('menu');
    const turn = await r.send({ choice: 'complaint:confirm:PBL-0000' });
    expect(turn.text).toContain('pilihan itu sudah tidak berlaku');
    expect(turn.replies.at(-1)?.choices).toHaveLength(4);
  });

  it('a sticker or other unsupported media', async () => {
    const r = resident(t.app);
    expect((await r.send({ text: undefined })).text).toContain('belum bisa saya baca');
  });

  it('cancel with nothing running says so and shows the menu', async () => {
    const r = resident(t.app);
    const turn = await r.send('batal');
    expect(turn.text).toContain('Tidak ada yang sedang berjalan');
    expect(turn.state?.flow ?? null).toBeNull();
  });
});

describe('idempotency and rate limiting', () => {
  it('processes the same platform message id once', async () => {
    const r = resident(t.app);
    const first = await r.send({ text: 'halo', messageId: 'tg-42' });
    const again = await r.send({ text: 'halo', messageId: 'tg-42' });
    expect(first.duplicate).toBe(false);
    expect(first.replies.length).toBeGreaterThan(0);
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual([]);
  });

  it('30 messages in 2 seconds: every one answered in order, one polite notice, nothing duplicated', async () => {
    const r = resident(t.app);
    const turns = await Promise.all(Array.from({ length: 30 }, (_, i) => r.send({ text: 'halo', messageId: `burst-${i}` })));
    const notices = turns.flatMap((x) => x.replies).filter((x) => x.text.includes('Pesan Anda banyak sekali'));
    expect(notices).toHaveLength(1);
    expect(turns.every((x) => !x.duplicate && x.text.includes('Pintu'))).toBe(true);
    const logged = await t.app.orm.em.fork().count(OutboundLog, { userId: turns[0]!.userId });
    expect(logged).toBe(turns.reduce((n, x) => n + x.replies.length, 0));
  });
});

describe('conversation timeout', () => {
  it('forgets remembered choices after the timeout', async () => {
    const r = resident(t.app);
    await r.send('menu');
    clock.advance(31 * 60_000);
    const turn = await r.send('2');
    // "2" no longer means SISKIA: it is read as text, which is not understood.
    expect(turn.text).not.toContain('SISKIA sedang');
    clock.set('2026-11-28T03:00:00Z');
  });
});

describe('weak signals', () => {
  it('a weak emergency signal gets a one-line 112 reminder and an ordinary answer', async () => {
    const r = resident(t.app);
    // "jalan" alone scores a little emergency (many accident reports say "di jalan") and nothing else strongly.
    const turn = await r.send('jalan');
    expect(turn.replies[0]?.text).toContain('Jika ini keadaan darurat');
    expect(turn.replies.length).toBeGreaterThanOrEqual(2);
    expect(turn.text).not.toContain('🚨');
  });

  it('a strong one stops everything else', async () => {
    const r = resident(t.app);
    const turn = await r.send('kecelakaan motor di jl soekarno hatta ada yang luka parah tolong');
    expect(turn.replies).toHaveLength(1);
    expect(turn.text).toContain('🚨');
    expect(turn.text).toContain('112');
  });

  it('below the confidence threshold Pintu asks instead of guessing, with the likely services as buttons', async () => {
    const r = resident(t.app);
    const turn = await r.send('minta info dong min');
    expect(turn.text).toContain('Maksud Anda yang mana');
    const choices = turn.replies.at(-1)?.choices ?? [];
    const values = choices.map((c) => c.value);
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(values.at(-1)).toBe('menu');
    expect(values.slice(0, -1).every((v) => v.startsWith('intent:'))).toBe(true);
    // Labels are Indonesian words, never intent identifiers.
    expect(choices.every((c) => !/^[a-z]+\.[a-z]+$/.test(c.label) && c.label !== 'help')).toBe(true);
    // The buttons work: picking one starts that service.
    const picked = await r.send({ choice: values[0]! });
    expect(picked.text).not.toContain('Maksud Anda yang mana');
  });
});

describe('danger signs in pregnancy and newborns', () => {
  it('at 02:00 WIB, from someone never registered, in the middle of the menu: go now, 112/119, the hospitals', async () => {
    clock.set('2026-11-27T19:00:00Z'); // 02:00 WIB on 28 Nov
    const r = resident(t.app);
    await r.send('menu');
    const turn = await r.send('tolong keluar darah banyak dari jalan lahir, saya hamil 7 bulan');
    expect(turn.replies).toHaveLength(1);
    expect(turn.text).toContain('segera ke puskesmas atau rumah sakit');
    expect(turn.text).toContain('112');
    expect(turn.text).toContain('119');
    expect(turn.text).toContain('RSUD dr. Mohamad Saleh');
    expect(turn.text).toContain('RSUD Ar-Rozy');
    // Her place is kept: the menu she was looking at still answers to numbers.
    expect(turn.state?.choices).toHaveLength(4);
    clock.set('2026-11-28T03:00:00Z');
  });

  it.each(['bayi saya kejang kejang', 'kepala pusing banget pandangan kabur kaki bengkak', 'ketuban pecah padahal baru 30 minggu'])('"%s" is answered at once', async (text) => {
    const turn = await resident(t.app).send(text);
    expect(turn.text).toContain('⚠️');
  });

  it('ordinary SISKIA questions are not treated as danger', async () => {
    const turn = await resident(t.app).send('kapan jadwal imunisasi bayi saya');
    expect(turn.text).not.toContain('⚠️');
  });
});
