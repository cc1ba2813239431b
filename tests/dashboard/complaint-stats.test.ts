/**
 * Complaint statistics per office and WIB month on both databases: 17 complaints filed and handled through the
 * real service (deadlines from the real working-day calendar, events as officers and residents write them), the
 * rows worked out by hand, the CSV for the officers, and the month boundary in WIB.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { I18n } from '../../src/core/i18n.js';
import type { ComplaintCategory } from '../../src/core/understanding.js';
import { WorkingCalendar } from '../../src/core/working-days.js';
import { SqlComplaintRepository } from '../../src/db/complaint-repository.js';
import { SqlComplaintStats } from '../../src/db/complaint-stats-store.js';
import { openDatabase } from '../../src/db/orm.js';
import { ComplaintService, type Actor } from '../../src/features/complaints/complaint-service.js';
import { median, statsPeriod, statsToCsv, wibMonth, type StatsRow } from '../../src/features/complaints/complaint-stats.js';
import type { ContactRef, PrivacyMode, ReportType } from '../../src/features/complaints/model.js';
import { Router } from '../../src/features/complaints/routing.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

const coordinator: Actor = { role: 'coordinator', office: 'diskominfo', name: 'koordinator' };
const office = (code: string): Actor => ({ role: 'office', office: code, name: `petugas ${code}` });
const residentActor: Actor = { role: 'resident', name: 'resident' };
const at = (iso: string) => new Date(iso);

const router = Router.load();
const officeName = (code: string) => router.office(code)?.name ?? code;

/**
 * The rows by hand. Day counts are from filing; "due" is `response_due_at` (5 working days after the last
 * disposition or re-route, end of the WIB day).
 *
 * dlh 2026-11: C1 first 0.25 (office reply), resolved 2.5 by due 17 Nov, rated 5; C2 first 1.0 (duplikat; the
 * supporter's hidden entry an hour after filing does not count); C3 first 2.0, resolved at exactly its due
 * 4 Dec 23:59:59.999 WIB (on time), 9.62 days; C4 first 1/24, resolved 1 ms after its due 3 Dec (late), 7.625,
 * rated 1. First responses 1/24, 0.25, 1, 2 → 0.625; resolutions 2.5, 7.625, 9.62 → 7.625; on time 2 of 3.
 *
 * dlh 2026-12: D1 first 1.0, resolved 7.0 by due 9 Dec, rated 4; D2 first 1.0, resolved 31 Dec 09:00 WIB (10.0):
 * on time only because 24 and 25 December are holidays (due 31 Dec), rated 5; D3 (rahasia) untouched, escalated by
 * the sweep; D4 (aspirasi) first 0.5 (coordinator reply). First 0.5, 1, 1 → 1; resolutions 7, 10 → 8.5.
 *
 * dpupr_pkp 2026-11: A1 first 1.0 (verified), resolved 4.0 by due 11 Nov, rated 5; A2 first 0.5, resolved 10.0
 * after due 10 Nov, rated 2; A3 first 1.5 (office reply), then rejected; A4 filed 23:59:59 WIB on 30 November and
 * cancelled by its reporter (no officer response). First 0.5, 1, 1.5 → 1; resolutions 4, 10 → 7; on time 1 of 2.
 *
 * dpupr_pkp 2026-12: B1 filed 2026-11-30T18:00Z (01:00 WIB, 1 December), first 0.5, resolved 3.0 by due 8 Dec;
 * B2 filed as rubbish for dlh, disposed there (first 1.0), re-routed by dlh to dpupr_pkp (new due 11 Dec),
 * resolved 7.0, rated 4; B3 first 0.25, resolved, reopened by its reporter, resolved again 12.0 after due 10 Dec,
 * rated 3; B4 first 2.0 (verified), open. First 0.25, 0.5, 1, 2 → 0.75; resolutions 3, 7, 12 → 7; on time 2 of 3.
 *
 * dishub 2026-12: E1, never touched: nothing to take a median or a mean of.
 */
const EXPECTED: StatsRow[] = [
  { office: 'dishub', month: '2026-12', received: 1, resolved: 0, onTimeShare: null, medianDaysToFirstResponse: null, medianDaysToResolution: null, averageRating: null, ratings: 0 },
  { office: 'dlh', month: '2026-11', received: 4, resolved: 3, onTimeShare: 2 / 3, medianDaysToFirstResponse: 0.625, medianDaysToResolution: 7.625, averageRating: 3, ratings: 2 },
  { office: 'dlh', month: '2026-12', received: 4, resolved: 2, onTimeShare: 1, medianDaysToFirstResponse: 1, medianDaysToResolution: 8.5, averageRating: 4.5, ratings: 2 },
  { office: 'dpupr_pkp', month: '2026-11', received: 4, resolved: 2, onTimeShare: 0.5, medianDaysToFirstResponse: 1, medianDaysToResolution: 7, averageRating: 3.5, ratings: 2 },
  { office: 'dpupr_pkp', month: '2026-12', received: 4, resolved: 3, onTimeShare: 2 / 3, medianDaysToFirstResponse: 0.75, medianDaysToResolution: 7, averageRating: 3.5, ratings: 2 },
];

const EXPECTED_CSV = [
  'Instansi,Kode,Bulan,Diterima,Selesai,Tepat waktu (%),Median hari ke tanggapan pertama,Median hari ke selesai,Rata-rata nilai,Jumlah penilaian',
  'Dinas Perhubungan,dishub,2026-12,1,0,,,,,0',
  'Dinas Lingkungan Hidup (DLH),dlh,2026-11,4,3,66.7,0.6,7.6,3.0,2',
  'Dinas Lingkungan Hidup (DLH),dlh,2026-12,4,2,100.0,1.0,8.5,4.5,2',
  '"Dinas Pekerjaan Umum dan Penataan Ruang, Perumahan dan Kawasan Permukiman (DPUPR PKP)",dpupr_pkp,2026-11,4,2,50.0,1.0,7.0,3.5,2',
  '"Dinas Pekerjaan Umum dan Penataan Ruang, Perumahan dan Kawasan Permukiman (DPUPR PKP)",dpupr_pkp,2026-12,4,3,66.7,0.8,7.0,3.5,2',
  '',
].join('\n');

describe.each(DIALECTS)('complaint statistics on %s', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let service: ComplaintService;
  let stats: SqlComplaintStats;
  const tickets: Record<string, string> = {};
  const reporters: Record<string, ContactRef> = {};

  /** Files complaint `name` at `when`; the routing table picks the office from the category. */
  async function file(name: string, category: ComplaintCategory, when: string, extra: { privacy?: PrivacyMode; type?: ReportType } = {}): Promise<void> {
    const reporter: ContactRef = { userId: randomUUID(), channel: 'telegram', address: `pelapor-${name}`, locale: 'id' };
    const { complaint } = await service.file({
      idempotencyKey: randomUUID(),
      draft: { type: extra.type ?? 'pengaduan', category, description: `laporan ${name}`, location: { text: 'jl mawar gang 2' }, photos: [], privacy: extra.privacy ?? 'publik' },
      reporter,
      source: 'chat',
      at: at(when),
    });
    tickets[name] = complaint.ticket;
    reporters[name] = reporter;
  }
  const move = (name: string, to: Parameters<ComplaintService['transition']>[1], actor: Actor, when: string) => service.transition(tickets[name]!, to, actor, at(when));
  const reply = (name: string, actor: Actor, when: string) => service.reply(tickets[name]!, 'sedang kami cek di lapangan', actor, at(when));
  async function feedback(name: string, answer: { resolved: boolean; rating?: number }, when: string): Promise<void> {
    const result = await service.feedback(await service.get(tickets[name]!), reporters[name]!, answer, at(when));
    expect(result).toBe(answer.resolved ? 'rated' : 'reopened');
  }
  const dispose = (name: string, to: string, when: string) => move(name, { to: 'didisposisikan', office: to }, coordinator, when);
  const resolve = (name: string, by: string, when: string) => move(name, { to: 'selesai', note: 'sudah diperbaiki' }, office(by), when);

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url);
    service = new ComplaintService({ repo: new SqlComplaintRepository(orm), router, calendar: WorkingCalendar.load(), i18n: new I18n(), notify: async () => undefined });
    stats = new SqlComplaintStats(orm);

    // dpupr_pkp (roads and drains), November.
    await file('A1', 'jalan_selokan', '2026-11-02T02:00:00Z');
    await move('A1', { to: 'terverifikasi' }, coordinator, '2026-11-03T02:00:00Z');
    await dispose('A1', 'dpupr_pkp', '2026-11-04T02:00:00Z');
    await move('A1', { to: 'diproses' }, office('dpupr_pkp'), '2026-11-05T02:00:00Z');
    await resolve('A1', 'dpupr_pkp', '2026-11-06T02:00:00Z');
    await feedback('A1', { resolved: true, rating: 5 }, '2026-11-06T05:00:00Z');

    await file('A2', 'jalan_selokan', '2026-11-03T02:00:00Z');
    await dispose('A2', 'dpupr_pkp', '2026-11-03T14:00:00Z');
    await resolve('A2', 'dpupr_pkp', '2026-11-13T02:00:00Z');
    await feedback('A2', { resolved: true, rating: 2 }, '2026-11-13T05:00:00Z');

    await file('A3', 'jalan_selokan', '2026-11-04T02:00:00Z');
    await reply('A3', office('dpupr_pkp'), '2026-11-05T14:00:00Z');
    await move('A3', { to: 'ditolak', note: 'jalan milik perumahan, bukan aset kota' }, coordinator, '2026-11-06T02:00:00Z');

    await file('A4', 'jalan_selokan', '2026-11-30T16:59:59Z');
    await move('A4', { to: 'dibatalkan', note: 'sudah diperbaiki warga' }, residentActor, '2026-12-01T02:00:00Z');

    // dpupr_pkp, December.
    await file('B1', 'jalan_selokan', '2026-11-30T18:00:00Z');
    await dispose('B1', 'dpupr_pkp', '2026-12-01T06:00:00Z');
    await resolve('B1', 'dpupr_pkp', '2026-12-03T18:00:00Z');

    await file('B2', 'lingkungan', '2026-12-02T02:00:00Z');
    await dispose('B2', 'dlh', '2026-12-03T02:00:00Z');
    await move('B2', { to: 'bukan_kewenangan', note: 'saluran tersumbat, urusan PUPR', referTo: 'dpupr_pkp' }, office('dlh'), '2026-12-04T02:00:00Z');
    await move('B2', { to: 'diproses' }, office('dpupr_pkp'), '2026-12-07T02:00:00Z');
    await resolve('B2', 'dpupr_pkp', '2026-12-09T02:00:00Z');
    await feedback('B2', { resolved: true, rating: 4 }, '2026-12-09T05:00:00Z');

    await file('B3', 'jalan_selokan', '2026-12-03T02:00:00Z');
    await dispose('B3', 'dpupr_pkp', '2026-12-03T08:00:00Z');
    await resolve('B3', 'dpupr_pkp', '2026-12-04T02:00:00Z');
    await feedback('B3', { resolved: false }, '2026-12-05T02:00:00Z');
    await resolve('B3', 'dpupr_pkp', '2026-12-15T02:00:00Z');
    await feedback('B3', { resolved: true, rating: 3 }, '2026-12-15T03:00:00Z');

    await file('B4', 'jalan_selokan', '2026-12-14T02:00:00Z');
    await move('B4', { to: 'terverifikasi' }, coordinator, '2026-12-16T02:00:00Z');

    // dlh (environment), November.
    await file('C1', 'lingkungan', '2026-11-09T02:00:00Z');
    await reply('C1', office('dlh'), '2026-11-09T08:00:00Z');
    await dispose('C1', 'dlh', '2026-11-10T02:00:00Z');
    await file('C2', 'lingkungan', '2026-11-10T02:00:00Z');
    await service.support(tickets.C2!, { userId: randomUUID(), channel: 'web', address: 'tetangga', locale: 'id' }, at('2026-11-10T03:00:00Z'));
    await move('C2', { to: 'duplikat', duplicateOf: tickets.C1 }, coordinator, '2026-11-11T02:00:00Z');
    await resolve('C1', 'dlh', '2026-11-11T14:00:00Z');
    await feedback('C1', { resolved: true, rating: 5 }, '2026-11-11T15:00:00Z');

    await file('C3', 'lingkungan', '2026-11-25T02:00:00Z');
    await dispose('C3', 'dlh', '2026-11-27T02:00:00Z');
    await resolve('C3', 'dlh', '2026-12-04T16:59:59.999Z');

    await file('C4', 'lingkungan', '2026-11-26T02:00:00Z');
    await dispose('C4', 'dlh', '2026-11-26T03:00:00Z');
    await resolve('C4', 'dlh', '2026-12-03T17:00:00Z');
    await feedback('C4', { resolved: true, rating: 1 }, '2026-12-04T01:00:00Z');

    // dlh, December.
    await file('D1', 'lingkungan', '2026-12-01T02:00:00Z');
    await dispose('D1', 'dlh', '2026-12-02T02:00:00Z');
    await move('D1', { to: 'diproses' }, office('dlh'), '2026-12-03T02:00:00Z');
    await resolve('D1', 'dlh', '2026-12-08T02:00:00Z');
    await feedback('D1', { resolved: true, rating: 4 }, '2026-12-08T03:00:00Z');

    await file('D2', 'lingkungan', '2026-12-21T02:00:00Z');
    await dispose('D2', 'dlh', '2026-12-22T02:00:00Z');
    await resolve('D2', 'dlh', '2026-12-31T02:00:00Z');
    await feedback('D2', { resolved: true, rating: 5 }, '2026-12-31T03:00:00Z');

    await file('D3', 'lingkungan', '2026-12-10T02:00:00Z', { privacy: 'rahasia' });

    await file('D4', 'lingkungan', '2026-12-11T02:00:00Z', { type: 'aspirasi' });
    await reply('D4', coordinator, '2026-12-11T14:00:00Z');
    await move('D4', { to: 'terverifikasi' }, coordinator, '2026-12-12T08:00:00Z');

    // dishub (street lights), December.
    await file('E1', 'lampu', '2026-12-07T02:00:00Z');

    // Weeks later the sweep escalates what is still open and closes the unrated resolutions: system entries, which
    // must not count as responses.
    const swept = await service.sweep(at('2027-01-29T02:00:00Z'));
    expect(swept.escalated.sort()).toEqual([tickets.B4, tickets.D3, tickets.D4, tickets.E1].sort());
    expect(swept.autoClosed.sort()).toEqual([tickets.B1, tickets.C3].sort());
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('the deadlines the expected rows rely on are the ones the service stored', async () => {
    const due = async (name: string) => (await service.get(tickets[name]!)).responseDueAt.toISOString();
    expect(await due('C3')).toBe('2026-12-04T16:59:59.999Z');
    expect(await due('C4')).toBe('2026-12-03T16:59:59.999Z');
    expect(await due('D2')).toBe('2026-12-31T16:59:59.999Z');
    expect(await due('B2')).toBe('2026-12-11T16:59:59.999Z');
    expect(await due('A2')).toBe('2026-11-10T16:59:59.999Z');
    const b2 = await service.get(tickets.B2!);
    expect([b2.office, b2.state]).toEqual(['dpupr_pkp', 'selesai']);
    expect((await service.get(tickets.B3!)).reopenCount).toBe(1);
  });

  it('gives one row per office and WIB month, as worked out by hand', async () => {
    expect(await stats.stats({})).toEqual(EXPECTED);
    expect(await stats.stats()).toEqual(EXPECTED);
  });

  it('puts a complaint in its WIB month: 2026-11-30T18:00Z is December, 16:59:59Z still November', async () => {
    expect(wibMonth(at('2026-11-30T18:00:00Z'))).toBe('2026-12');
    expect(wibMonth(at('2026-11-30T16:59:59Z'))).toBe('2026-11');
    // A4 (16:59:59Z) is in November's four and B1 (18:00Z) in December's, also when the filter cuts at the month.
    const december = await stats.stats({ from: '2026-12', office: ['dpupr_pkp'] });
    expect(december).toEqual([EXPECTED[4]]);
    const november = await stats.stats({ to: '2026-11', office: ['dpupr_pkp'] });
    expect(november).toEqual([EXPECTED[3]]);
  });

  it('filters by months (inclusive) and offices', async () => {
    expect(await stats.stats({ from: '2026-11', to: '2026-11' })).toEqual([EXPECTED[1], EXPECTED[3]]);
    expect(await stats.stats({ office: ['dlh', 'dishub'] })).toEqual(EXPECTED.slice(0, 3));
    expect(await stats.stats({ from: '2026-10', to: '2027-01', office: ['dlh'] })).toEqual([EXPECTED[1], EXPECTED[2]]);
    expect(await stats.stats({ from: '2027-01' })).toEqual([]);
    expect(await stats.stats({ office: [] })).toEqual([]);
    expect(await stats.stats({ from: '2026-12', to: '2026-11' })).toEqual([]);
    await expect(stats.stats({ from: '2026-13' })).rejects.toBeInstanceOf(RangeError);
    await expect(stats.stats({ to: '2026-1' })).rejects.toThrow(/YYYY-MM/);
  });

  it('writes the CSV for the officers: Indonesian header, one decimal with a dot, quoted names', async () => {
    expect(statsToCsv(await stats.stats({}), officeName)).toBe(EXPECTED_CSV);
  });

  it('gives the public summary the same rows and nothing else', async () => {
    const summary = await stats.publicSummary({});
    expect(summary).toEqual(EXPECTED);
    for (const row of summary) {
      expect(Object.keys(row).sort()).toEqual(
        ['averageRating', 'medianDaysToFirstResponse', 'medianDaysToResolution', 'month', 'office', 'onTimeShare', 'ratings', 'received', 'resolved'],
      );
      expect(row.office).toMatch(/^[a-z0-9_]+$/);
    }
  });
});

describe('complaint statistics arithmetic and CSV', () => {
  const row = (over: Partial<StatsRow>): StatsRow => ({
    office: 'x',
    month: '2026-12',
    received: 0,
    resolved: 0,
    onTimeShare: null,
    medianDaysToFirstResponse: null,
    medianDaysToResolution: null,
    averageRating: null,
    ratings: 0,
    ...over,
  });

  it('quotes names with commas and quotes, defuses formulas, leaves null cells empty, rounds half up', () => {
    const csv = statsToCsv(
      [
        row({ office: 'a', received: 3, resolved: 3, onTimeShare: 1 / 8, medianDaysToFirstResponse: 0.05, medianDaysToResolution: 1.45, averageRating: 4.25, ratings: 4 }),
        row({ office: 'b', received: 1 }),
      ],
      (code) => (code === 'a' ? 'Bagian "Umum", Setda' : '=HYPERLINK("http://x")'),
    );
    expect(csv.split('\n')).toEqual([
      'Instansi,Kode,Bulan,Diterima,Selesai,Tepat waktu (%),Median hari ke tanggapan pertama,Median hari ke selesai,Rata-rata nilai,Jumlah penilaian',
      '"Bagian ""Umum"", Setda",a,2026-12,3,3,12.5,0.1,1.5,4.3,4',
      `"'=HYPERLINK(""http://x"")",b,2026-12,1,0,,,,,0`,
      '',
    ]);
    expect(statsToCsv([], (c) => c)).toBe(`${EXPECTED_CSV.split('\n')[0]}\n`);
  });

  it('takes the median as percentile_cont(0.5) does', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([1, 2, 10])).toBe(2);
    expect(median([1, 2, 4, 10])).toBe(3);
  });

  it('turns months into WIB instants, the last month inclusive', () => {
    expect(statsPeriod({ from: '2026-12', to: '2026-12' })).toEqual({ from: at('2026-11-30T17:00:00Z'), until: at('2026-12-31T17:00:00Z') });
    expect(statsPeriod({})).toEqual({});
  });
});
