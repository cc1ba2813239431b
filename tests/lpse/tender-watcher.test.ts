/**
 * Polling rounds with the real repository on SQLite and PostgreSQL, an in-memory source and the real alert sender:
 * a first round is a silent baseline; new tenders reach the matching vendors once, with their buttons; changes
 * reach followers (and, when they matter to all, everyone told about the tender); the daily cap, the digest and
 * the quiet hours hold; re-tenders under a new code are announced to followers; a failing source loses nothing.
 * "Now" is pinned at Monday 30 November 2026, 10:00 WIB.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { pino } from 'pino';
import { I18n } from '../../src/core/i18n.js';
import type { ContactRef } from '../../src/core/contact.js';
import type { OutboundMessage } from '../../src/core/messages.js';
import { openDatabase } from '../../src/db/orm.js';
import { SqlLpseRepository } from '../../src/db/lpse-repository.js';
import { AlertSender } from '../../src/features/lpse/alert-sender.js';
import { SourceUnavailableError } from '../../src/features/lpse/source/index.js';
import { TenderWatcher, watchedYears } from '../../src/features/lpse/tender-watcher.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { MemorySource, detailWithUpload, tender } from './memory-source.js';

const NOW = new Date('2026-11-30T03:00:00Z'); // Monday 10:00 WIB
const HOUR = 3600_000;
const i18n = new I18n();

function contact(name: string): ContactRef {
  const hex = Buffer.from(name.padEnd(6, '_')).toString('hex').slice(0, 12).padEnd(12, '0');
  return { userId: `00000000-0000-4000-8000-${hex}`, channel: 'web', address: `web-${name}`, locale: 'id' };
}

describe.each(DIALECTS)('LPSE polling rounds (%s)', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let repo: SqlLpseRepository;
  let source: MemorySource;
  let sent: OutboundMessage[];
  let watcher: TenderWatcher;
  let alerts: AlertSender;
  const ani = contact('ani');
  const budi = contact('budi');

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    repo = new SqlLpseRepository(orm);
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  beforeEach(async () => {
    await orm.em.getConnection().execute('delete from lpse_alerts');
    await orm.em.getConnection().execute('delete from lpse_follows');
    await orm.em.getConnection().execute('delete from lpse_subscriptions');
    await orm.em.getConnection().execute('delete from lpse_vendors');
    await orm.em.getConnection().execute('delete from lpse_tenders');
    await orm.em.getConnection().execute('delete from lpse_polls');
    source = new MemorySource();
    sent = [];
    alerts = new AlertSender({ repo, i18n, notify: async (m) => void sent.push(...m), settings: { dailyCap: 2 } });
    watcher = new TenderWatcher({ source, sourceName: 'spse', repo, alerts, logger: pino({ level: 'silent' }) });
  });

  async function subscribe(who: ContactRef, keywords: string[][], digest = false): Promise<string> {
    await repo.saveVendor(who, NOW);
    if (digest) await repo.setDigest(who.userId, true, NOW);
    return (await repo.addSubscription(who.userId, { keywords, exclude: [] }, NOW)).id;
  }

  function to(who: ContactRef): OutboundMessage[] {
    return sent.filter((m) => m.address === who.address);
  }

  it('watches this year, and next year from October (tender dini)', () => {
    expect(watchedYears(new Date('2026-06-01T03:00:00Z'))).toEqual([2026]);
    expect(watchedYears(NOW)).toEqual([2026, 2027]);
  });

  it('stores a silent baseline, then alerts matching vendors about new tenders once', async () => {
    source.listed = [tender('1001'), tender('1002', { name: 'Pengadaan Meja Sekolah', jenis: 'Pengadaan Barang' })];
    const first = await watcher.pollOnce(NOW);
    expect(first).toMatchObject({ baseline: true, listed: 2, created: [], alerts: 0 });
    expect(sent).toEqual([]);

    const aniSub = await subscribe(ani, [['jalan']]);
    await subscribe(budi, [['komputer']]);
    source.listed.push(tender('1003', { name: 'Rehabilitasi Jalan Mastrip (Tender Ulang)' }), tender('1004', { name: 'Pengadaan Komputer Sekolah Dasar', jenis: 'Pengadaan Barang' }));
    source.details.set('1003', detailWithUpload('1003', new Date('2026-12-10T08:00:00Z')));
    source.details.set('1004', detailWithUpload('1004', new Date('2026-12-11T08:00:00Z'), { satker: 'DINAS PENDIDIKAN' }));

    const second = await watcher.pollOnce(new Date(NOW.getTime() + 15 * 60_000));
    expect(second.baseline).toBe(false);
    expect(second.created.map((t) => t.kode)).toEqual(['1003', '1004']);
    expect(second.details).toEqual({ read: 2, failed: 0 });
    expect(second.matched).toBe(2);
    expect(to(ani)).toHaveLength(1);
    const alert = to(ani)[0]!;
    expect(alert.reply.text).toContain('Ada tender baru yang cocok');
    expect(alert.reply.text).toContain('Rehabilitasi Jalan Mastrip');
    expect(alert.reply.text).toContain('HPS Rp 750 juta');
    expect(alert.reply.text).toContain('Batas penawaran Kam, 10 Des 2026 15.00 WIB');
    expect(alert.reply.text).toContain('DINAS PEKERJAAN UMUM DAN PENATAAN RUANG');
    expect(alert.reply.choices?.map((c) => c.value)).toEqual(['lpse:follow:1003', `lpse:unsub:${aniSub}`]);
    expect(to(budi).map((m) => m.reply.text.includes('Komputer Sekolah Dasar'))).toEqual([true]);
    expect(alert.kind).toBe('alert');
    expect(alert.delayMs).toBeUndefined();

    // Nothing changed: nothing is stored again and nobody hears anything.
    sent = [];
    const third = await watcher.pollOnce(new Date(NOW.getTime() + 30 * 60_000));
    expect(third).toMatchObject({ created: [], changes: [], alerts: 0, matched: 0 });
    expect(sent).toEqual([]);
    const polls = await repo.recentPolls(5);
    expect(polls.map((p) => p.ok)).toEqual([true, true, true]);
    expect(polls[1]).toMatchObject({ listed: 4, created: 2, alerts: 2 });
  });

  it('tells followers about stage changes and everyone told about the tender about a cancellation', async () => {
    source.listed = [tender('2001')];
    await watcher.pollOnce(NOW);
    await subscribe(ani, [['jalan']]);
    await subscribe(budi, [['rehabilitasi']]);
    source.listed.push(tender('2002', { name: 'Rehabilitasi Jalan Soekarno Hatta' }));
    source.details.set('2002', detailWithUpload('2002', new Date('2026-12-10T08:00:00Z')));
    await watcher.pollOnce(new Date(NOW.getTime() + HOUR));
    expect(sent).toHaveLength(2);
    await repo.follow(ani.userId, '2002', NOW);
    sent = [];

    source.update('2002', { tahap: 'Upload Dokumen Penawaran' });
    const staged = await watcher.pollOnce(new Date(NOW.getTime() + 2 * HOUR));
    expect(staged.changes).toEqual([{ kode: '2002', kind: 'stage', key: 'Upload Dokumen Penawaran', before: 'Pengumuman Pascakualifikasi', after: 'Upload Dokumen Penawaran' }]);
    expect(to(ani).map((m) => m.reply.text.split('\n')[0])).toEqual(['➡️ Tahap baru: Rehabilitasi Jalan Soekarno Hatta']);
    expect(to(budi)).toEqual([]);

    sent = [];
    source.update('2002', { tahap: 'Tender Batal' });
    const cancelled = await watcher.pollOnce(new Date(NOW.getTime() + 3 * HOUR));
    expect(cancelled.changes.map((c) => c.kind)).toEqual(['cancelled']);
    expect(to(ani)[0]!.reply.text).toContain('❌ Tender dibatalkan');
    expect(to(budi)[0]!.reply.text).toContain('❌ Tender dibatalkan');
    expect((await repo.tender('2002'))!.open).toBe(false);
  });

  it('re-reads a followed tender\'s schedule and tells its followers when the deadline moves', async () => {
    source.listed = [tender('3001')];
    source.details.set('3001', detailWithUpload('3001', new Date('2026-12-10T08:00:00Z')));
    await watcher.pollOnce(NOW); // baseline; the detail is read in the same round
    expect(source.detailCalls).toEqual(['3001']);
    await repo.saveVendor(ani, NOW);
    await repo.follow(ani.userId, '3001', NOW);

    await watcher.pollOnce(new Date(NOW.getTime() + 30 * 60_000));
    expect(source.detailCalls).toHaveLength(1); // not stale yet

    source.details.set('3001', detailWithUpload('3001', new Date('2026-12-14T08:00:00Z')));
    const moved = await watcher.pollOnce(new Date(NOW.getTime() + 2 * HOUR));
    expect(source.detailCalls).toHaveLength(2);
    expect(moved.changes.map((c) => [c.kind, c.key])).toEqual([
      ['schedule', 'uploadDeadline:2026-12-14T08:00:00.000Z'],
      ['schedule', 'registrationDeadline:2026-12-13T08:00:00.000Z'],
    ]);
    expect(to(ani)[0]!.reply.text).toContain('Batas upload penawaran: Kam, 10 Des 2026 15.00 WIB → Sen, 14 Des 2026 15.00 WIB');
    expect((await repo.tender('3001'))!.tender.uploadDeadline).toEqual(new Date('2026-12-14T08:00:00Z'));
  });

  it('keeps to the daily cap, holds the rest for the 07:00 digest, and keeps quiet at night', async () => {
    source.listed = [tender('4000')];
    await watcher.pollOnce(NOW);
    await subscribe(ani, [['jalan']]);
    await subscribe(budi, [['jalan']], true);
    for (const kode of ['4001', '4002', '4003']) {
      source.listed.push(tender(kode, { name: `Pemeliharaan Jalan Paket ${kode}` }));
      source.details.set(kode, detailWithUpload(kode, new Date('2026-12-10T08:00:00Z')));
    }
    await watcher.pollOnce(new Date(NOW.getTime() + HOUR));
    expect(to(ani)).toHaveLength(2);
    expect(to(ani)[1]!.reply.text).toContain('Ini kabar tender ke-2 hari ini');
    expect(to(budi)).toEqual([]); // digest only

    sent = [];
    expect(await alerts.digest((k) => repo.tenders(k))).toBe(2);
    expect(to(ani)[0]!.reply.text).toMatch(/Rangkuman tender baru .*\(1\):/);
    expect(to(ani)[0]!.reply.text).toContain('Pemeliharaan Jalan Paket 4003');
    expect(to(budi)[0]!.reply.text).toContain('(3):');
    sent = [];
    expect(await alerts.digest((k) => repo.tenders(k))).toBe(0);

    // A tender found at 22:00 WIB waits for 06:00.
    source.listed.push(tender('4004', { name: 'Pemeliharaan Jalan Paket Malam' }));
    source.details.set('4004', detailWithUpload('4004', new Date('2026-12-10T08:00:00Z')));
    await watcher.pollOnce(new Date('2026-12-01T15:00:00Z'));
    expect(to(ani)[0]!.delayMs).toBe(8 * HOUR);
  });

  it('a change whose alert could not be queued is told by the next round, once', async () => {
    source.listed = [tender('7001')];
    await watcher.pollOnce(NOW);
    await repo.saveVendor(ani, NOW);
    await repo.follow(ani.userId, '7001', NOW);
    let outboxDown = true;
    const flaky = new AlertSender({ repo, i18n, notify: async (m) => (outboxDown ? Promise.reject(new Error('Redis is down')) : void sent.push(...m)) });
    const flakyWatcher = new TenderWatcher({ source, sourceName: 'spse', repo, alerts: flaky, logger: pino({ level: 'silent' }) });
    source.update('7001', { tahap: 'Tender Batal' });
    const failed = await flakyWatcher.pollOnce(new Date(NOW.getTime() + HOUR));
    expect(failed.error?.message).toBe('Redis is down');
    expect((await repo.tender('7001'))!.open).toBe(true); // the change is not stored yet
    outboxDown = false;
    const retried = await flakyWatcher.pollOnce(new Date(NOW.getTime() + 2 * HOUR));
    expect(retried.changes.map((c) => c.kind)).toEqual(['cancelled']);
    expect(to(ani).map((m) => m.reply.text.split('\n')[0])).toEqual(['❌ Tender dibatalkan: Rehabilitasi Jalan Lingkungan Paket 7001']);
    await flakyWatcher.pollOnce(new Date(NOW.getTime() + 3 * HOUR));
    expect(to(ani)).toHaveLength(1);
  });

  it('announces a re-tender under a new code to the followers of the old one', async () => {
    source.listed = [tender('5001', { name: 'Pembangunan Gedung Pasar Baru', tahap: 'Tender Gagal' })];
    await watcher.pollOnce(NOW);
    await repo.saveVendor(ani, NOW);
    await repo.follow(ani.userId, '5001', NOW);
    source.listed.push(tender('5002', { name: 'Pembangunan Gedung Pasar Baru', retender: true, badges: ['Tender Ulang'] }));
    source.details.set('5002', detailWithUpload('5002', new Date('2026-12-20T08:00:00Z')));
    await watcher.pollOnce(new Date(NOW.getTime() + HOUR));
    const [msg] = to(ani);
    expect(msg!.reply.text).toContain('diulang dengan kode baru 5002');
    expect(msg!.reply.choices).toEqual([{ label: 'Ikuti tender baru', value: 'lpse:follow:5002' }]);
  });

  it('records a failing source and loses nothing; a tender whose announcement fails is still matched after two tries', async () => {
    source.listed = [tender('6001')];
    await watcher.pollOnce(NOW);
    await subscribe(ani, [['jalan']]);
    source.failNext = new SourceUnavailableError('SPSE answered with its error page', { url: 'https://spse.inaproc.id/probolinggokota/lelang' });
    const failed = await watcher.pollOnce(new Date(NOW.getTime() + HOUR));
    expect(failed.error).toBeInstanceOf(SourceUnavailableError);
    expect((await repo.recentPolls(1))[0]).toMatchObject({ ok: false, error: expect.stringContaining('error page') });
    expect((await repo.tenderBriefs()).map((b) => b.kode)).toEqual(['6001']);

    source.listed.push(tender('6002', { name: 'Pengaspalan Jalan Brantas' }));
    source.failDetails.add('6002');
    const r1 = await watcher.pollOnce(new Date(NOW.getTime() + 2 * HOUR));
    expect(r1.details.failed).toBe(1);
    expect(to(ani)).toEqual([]);
    const r2 = await watcher.pollOnce(new Date(NOW.getTime() + 3 * HOUR));
    expect(r2.matched).toBe(1);
    expect(to(ani)[0]!.reply.text).toContain('Pengaspalan Jalan Brantas');
  });
});
