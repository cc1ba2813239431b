/**
 * GOVIS by chat on the web channel with the real engine, NLU, database (the shipped seed) and Redis, "now" pinned
 * at Monday 30 November 2026, 10:00 WIB: categories, "lagi", refining in context, a landmark, a shared pin far
 * outside the city, "buka sekarang", and sights that are in the Kabupaten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { resident } from '../support/script.js';

const MAP = /https:\/\/www\.google\.com\/maps\?q=-?\d+\.\d+,-?\d+\.\d+/;

describe.each(DIALECTS)('GOVIS on %s', (dialect) => {
  const clock = new FixedClock('2026-11-30T03:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, dialect, env: { USER_RATE_LIMIT: '100/1000' } });
  });
  afterAll(async () => t?.dispose());

  it('answers a category with short cards, "lagi" for more, and asks for the location', async () => {
    const r = resident(t.app);
    const first = await r.send('wisata keluarga di kota probolinggo apa aja?');
    expect(first.text).toContain('Rekomendasi Wisata di Kota Probolinggo');
    expect(first.text).toMatch(/^1\. /m);
    expect(first.text).toMatch(/^3\. /m);
    expect(first.text).toMatch(MAP);
    expect(first.text).toContain('lokasi perkiraan');
    expect(first.replies.at(-1)?.requestLocation).toBe(true);
    expect(first.replies.at(-1)?.choices?.map((c) => c.value)).toContain('govis:more');
    expect(first.state).toMatchObject({ flow: 'govis.recommend', step: 'results', data: { query: { category: 'wisata', tags: ['keluarga'] } } });
    const more = await r.send('lagi');
    expect(more.text).toContain('Ini pilihan berikutnya');
    expect(more.text).toMatch(/^4\. /m);
  });

  it('searches around a landmark and refines the same search in context', async () => {
    const r = resident(t.app);
    const near = await r.send('kuliner enak deket alun-alun');
    expect(near.text).toContain('Kuliner terdekat dari Alun-Alun');
    expect(near.text).toMatch(/km|m —|— ±/);
    const cheap = await r.send('yang murah aja');
    expect(cheap.state?.data).toMatchObject({ query: { category: 'kuliner', cheap: true, nearName: 'Alun-Alun' } });
    expect(cheap.text).toContain('Kuliner terdekat dari Alun-Alun');
    expect(cheap.text.split('\n').find((l) => l.startsWith('1. '))).toBeDefined();
    const hotel = await r.send('hotel murah deket stasiun');
    expect(hotel.text).toContain('Penginapan terdekat dari Stasiun Probolinggo');
    expect(hotel.text).toContain('Hotel Tampiarto');
  });

  it('a shared pin far outside the city still answers, with the distance, and says it is outside', async () => {
    const r = resident(t.app);
    await r.send('tempat makan di probolinggo');
    const far = await r.send({ location: { lat: -7.25, lon: 112.75 } }); // Surabaya
    expect(far.text).toContain('di luar Kota Probolinggo');
    expect(far.text).toMatch(/7\d,\d km/);
  });

  it('"buka sekarang" lists places open at 10:00 WIB first and says when hours are unknown', async () => {
    const r = resident(t.app);
    const open = await r.send('tempat makan yang buka sekarang');
    const first = open.text.split('\n').find((l) => l.startsWith('1. '));
    expect(first).toBeDefined();
    expect(open.text.split('\n')[open.text.split('\n').indexOf(first!) + 1]).toContain('buka sekarang');
    expect(open.text).toContain('belum diketahui');
  });

  it('says where the Kabupaten sights really are instead of pretending', async () => {
    const r = resident(t.app);
    const bromo = await r.send('bromo jauh gak dari kota?');
    expect(bromo.text).toContain('Gunung Bromo bukan di Kota Probolinggo');
    expect(bromo.text).toContain('Kabupaten Probolinggo');
    expect(bromo.text).toMatch(/sekitar \d+(,\d)? km/);
    const mada = await r.send('air terjun madakaripura');
    expect(mada.text).toContain('Madakaripura bukan di Kota Probolinggo');
  });

  it('oleh-oleh, and a question it has no place for', async () => {
    const r = resident(t.app);
    const gifts = await r.send('oleh-oleh khas probolinggo');
    expect(gifts.text).toContain('Batik');
    const unknown = await r.send('kuliner deket pasar gotong royong');
    expect(unknown.text).toContain('Saya belum tahu letak');
  });
});
