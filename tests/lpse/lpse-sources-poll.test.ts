/**
 * Polling rounds over HTTP with the real adapters, chosen the way configuration chooses them: the SPSE website
 * (homepage, token, DataTables paging, announcement pages) and the ISB JSON datasets, each against its local fake
 * serving real captures; a stage change and a new row between rounds; a source answering HTML where JSON belongs;
 * and `pintu lpse poll --once` as a process.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { pino } from 'pino';
import { FixedClock } from '../../src/core/clock.js';
import { I18n } from '../../src/core/i18n.js';
import type { OutboundMessage } from '../../src/core/messages.js';
import { openDatabase } from '../../src/db/orm.js';
import { SqlLpseRepository } from '../../src/db/lpse-repository.js';
import { AlertSender } from '../../src/features/lpse/alert-sender.js';
import { createTenderSource } from '../../src/features/lpse/index.js';
import { TenderWatcher } from '../../src/features/lpse/tender-watcher.js';
import { outcomeOf } from '../../src/jobs/lpse.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { TEST_REDIS_URL } from '../support/urls.js';
import { uniquePrefix } from '../support/app.js';
import { startFakeSpse, type FakeSpse } from './fake-spse-server.js';
import { stripBadges } from '../../src/features/lpse/source/index.js';
import { startFakeIsb } from './fake-isb-server.js';

const silent = pino({ level: 'silent' });

async function watcherFor(kind: 'spse' | 'isb', baseUrl: string, clock: FixedClock, orm: MikroORM, isb?: { tenders: string; schedules: string }) {
  const repo = new SqlLpseRepository(orm);
  const sent: OutboundMessage[] = [];
  const alerts = new AlertSender({ repo, i18n: new I18n(), notify: async (m) => void sent.push(...m) });
  const source = createTenderSource({ kind, baseUrl, instansi: 'Kota Probolinggo', pauseMs: 0, isb }, clock);
  const watcher = new TenderWatcher({ source, sourceName: kind, repo, alerts, logger: silent, settings: { detailsPerRound: 3, fetchDetails: kind === 'spse' } });
  return { repo, sent, watcher };
}

describe('polling the SPSE website over HTTP', () => {
  let fake: FakeSpse;
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    fake = await startFakeSpse({ lpse: 'probolinggokota', latencyMs: 0 });
    db = await createTestDatabase('sqlite');
    orm = await openDatabase(db.url);
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
    await fake.close();
  });

  it('stores a baseline, reads announcements, then finds a stage change and a new package', async () => {
    const clock = new FixedClock('2026-11-30T03:00:00Z');
    const { repo, sent, watcher } = await watcherFor('spse', fake.baseUrl, clock, orm);
    const first = await watcher.pollOnce(clock.now());
    expect(first.error).toBeUndefined();
    expect(first.baseline).toBe(true);
    expect(first.listed).toBeGreaterThanOrEqual(60);
    expect(first.details.read + first.details.failed).toBe(3);
    expect(fake.maxConcurrent).toBe(1);
    const briefs = await repo.tenderBriefs();
    expect(briefs.length).toBe(first.listed);
    expect(briefs.filter((b) => b.open).length).toBeGreaterThan(0);

    // SPSE moves one package on and lists a new one; a vendor subscribed to a word of the new one's real name.
    const moved = fake.rows.find((r) => r[3] === 'Upload Dokumen Penawaran')!;
    moved[3] = 'Evaluasi Administrasi, Kualifikasi, Teknis, dan Harga';
    const fresh = [...fake.rows.find((r) => r[3] === 'Pengumuman Pascakualifikasi')!];
    fresh[0] = '10999999000';
    fake.rows.push(fresh);
    const word = stripBadges(String(fresh[1])).text.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w))!.toLowerCase();
    const vendor = { userId: '00000000-0000-4000-8000-000000000001', channel: 'web' as const, address: 'web-vendor', locale: 'id' as const };
    await repo.saveVendor(vendor, clock.now());
    await repo.addSubscription(vendor.userId, { keywords: [[word]], exclude: [] }, clock.now());
    await repo.follow(vendor.userId, String(moved[0]), clock.now());

    clock.advance(15 * 60_000);
    const second = await watcher.pollOnce(clock.now());
    expect(second.error).toBeUndefined();
    expect(second.created.map((t) => t.kode)).toEqual(['10999999000']);
    expect(second.changes).toContainEqual(expect.objectContaining({ kode: String(moved[0]), kind: 'stage', after: 'Evaluasi Administrasi, Kualifikasi, Teknis, dan Harga' }));
    expect(sent.map((m) => m.reply.text.split('\n')[0])).toContain(`➡️ Tahap baru: ${stripBadges(String(moved[1])).text}`);

    // The fake has no announcement for the new package (SPSE's error page): after two tries it is matched on its
    // list row alone, and the vendor hears about it.
    clock.advance(15 * 60_000);
    const third = await watcher.pollOnce(clock.now());
    expect(third.matched).toBe(1);
    expect(sent.some((m) => m.reply.text.includes('Ada tender baru') && m.reply.text.includes('10999999000'))).toBe(true);
  });

  it('an HTML page where the JSON list belongs fails the round and keeps what was stored', async () => {
    const broken = await startFakeSpse({ lpse: 'probolinggokota', latencyMs: 0, listAnswer: 'html' });
    const other = await createTestDatabase('sqlite');
    const otherOrm = await openDatabase(other.url);
    try {
      const clock = new FixedClock('2026-11-30T03:00:00Z');
      const { repo, watcher } = await watcherFor('spse', broken.baseUrl, clock, otherOrm);
      const result = await watcher.pollOnce(clock.now());
      expect(result.error).toBeDefined();
      expect(['format', 'unavailable']).toContain(outcomeOf(result));
      expect((await repo.recentPolls(1))[0]).toMatchObject({ ok: false, listed: 0 });
    } finally {
      await otherOrm.close(true);
      await other.drop();
      await broken.close();
    }
  });
});

describe('polling the ISB datasets over HTTP (LPSE_SOURCE=isb)', () => {
  it('lists, stores and dates the tenders of the watched years from JSON, with no page reads', async () => {
    const fake = await startFakeIsb();
    const db = await createTestDatabase('sqlite');
    const orm = await openDatabase(db.url);
    try {
      const clock = new FixedClock('2025-11-10T03:00:00Z'); // watches 2025 and 2026
      const isb = { tenders: `${fake.origin}/isb/tender/{tahun}`, schedules: `${fake.origin}/isb/jadwal/{tahun}` };
      const { repo, watcher } = await watcherFor('isb', 'https://spse.inaproc.id/bandungkab', clock, orm, isb);
      const result = await watcher.pollOnce(clock.now());
      expect(result.error).toBeUndefined();
      expect(result.years).toEqual([2025, 2026]);
      expect(result.listed).toBeGreaterThan(0);
      expect(result.details).toEqual({ read: 0, failed: 0 });
      expect(fake.requests.map((r) => r.path)).toEqual(['/isb/tender/2025', '/isb/jadwal/2025', '/isb/tender/2026', '/isb/jadwal/2026']);
      const stored = await repo.tenders((await repo.tenderBriefs()).map((b) => b.kode));
      expect(stored.every((s) => s.tender.source === 'isb' && s.tender.url.startsWith('https://spse.inaproc.id/bandungkab/'))).toBe(true);
      expect(stored.some((s) => s.tender.uploadDeadline instanceof Date)).toBe(true);
    } finally {
      await orm.close(true);
      await db.drop();
      await fake.close();
    }
  });

  it('an ISB gateway answering HTML fails the round with a clear error', async () => {
    const fake = await startFakeIsb({ mode: 'html' });
    const db = await createTestDatabase('sqlite');
    const orm = await openDatabase(db.url);
    try {
      const clock = new FixedClock('2025-11-10T03:00:00Z');
      const { watcher } = await watcherFor('isb', 'https://spse.inaproc.id/bandungkab', clock, orm, { tenders: `${fake.origin}/isb/tender/{tahun}`, schedules: `${fake.origin}/isb/jadwal/{tahun}` });
      const result = await watcher.pollOnce(clock.now());
      expect(result.error?.message).toMatch(/HTML|JSON/i);
    } finally {
      await orm.close(true);
      await db.drop();
      await fake.close();
    }
  });
});

/** Runs the `pintu` command without blocking this process (the fake servers live here). */
function pintu(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/pintu.js', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pintu lpse poll --once (the command as a process)', () => {
  it('prints the round: a baseline first, then what changed; a broken source exits 1 with the reason', async () => {
    const fake = await startFakeSpse({ lpse: 'probolinggokota', latencyMs: 0 });
    const db = await createTestDatabase('sqlite');
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', LPSE_BASE_URL: fake.baseUrl, LPSE_PAUSE_MS: '0', LPSE_DETAILS_PER_ROUND: '2' };
    try {
      const first = await pintu(['lpse', 'poll', '--once'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`Polling ${fake.baseUrl}`);
      expect(first.stdout).toMatch(/Fiscal years 2026, 2027: \d+ packages listed, 0 new/);
      expect(first.stdout).toContain('First round on this database');

      const row = [...fake.rows[0]!];
      row[0] = '10888888000';
      row[3] = 'Pengumuman Pascakualifikasi';
      fake.rows.push(row);
      const second = await pintu(['lpse', 'poll', '--once'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/NEW {6}10888888000 {2}\S/);

      const usage = await pintu(['lpse', 'poll'], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('Usage: pintu lpse poll --once');
    } finally {
      await db.drop();
      await fake.close();
    }
    const broken = await startFakeSpse({ lpse: 'probolinggokota', latencyMs: 0, listAnswer: 'error-page' });
    const db2 = await createTestDatabase('sqlite');
    try {
      const failed = await pintu(['lpse', 'poll', '--once'], { DATABASE_URL: db2.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', LPSE_BASE_URL: broken.baseUrl, LPSE_PAUSE_MS: '0' });
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('FAILED:');
    } finally {
      await db2.drop();
      await broken.close();
    }
  }, 120_000);
});
