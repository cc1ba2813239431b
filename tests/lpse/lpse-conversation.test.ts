/**
 * LPSE by chat on the web channel with the real engine, NLU, database, Redis and jobs, an in-memory tender source
 * and "now" pinned at Monday 30 November 2026, 10:00 WIB: subscribing (and the questions when the message is
 * unclear), listing subscriptions, "tender terbaru" and "ikuti", the deadline reminders of a followed tender, a new
 * tender's alert and its buttons pressed from another conversation, stopping, and an emergency mid-question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { resident } from '../support/script.js';
import { MemorySource, detailWithUpload, tender } from './memory-source.js';

const UPLOAD_END = new Date('2026-12-03T08:00:00Z'); // Thursday 3 December, 15:00 WIB

describe.each(DIALECTS)('LPSE conversations (%s)', (dialect) => {
  const clock = new FixedClock('2026-11-30T03:00:00Z');
  const source = new MemorySource();
  let t: TestApp;

  async function queuedTo(userId: string, kind?: string): Promise<{ text: string; choices?: { label: string; value: string }[] }[]> {
    const rows = await t.app.messageLog.listOutbound('queued', 500);
    return rows.filter((r) => r.userId === userId && (!kind || r.kind === kind)).map((r) => r.payload as { text: string; choices?: { label: string; value: string }[] });
  }

  beforeAll(async () => {
    source.listed = [
      tender('10100001000', { name: 'Rehabilitasi Jalan Mastrip', hps: 750_000_000 }),
      tender('10100002000', { name: 'Pengadaan Komputer Dinas Pendidikan', jenis: 'Pengadaan Barang', hps: 300_000_000 }),
      tender('10100003000', { name: 'Jasa Konsultansi Perencanaan Gedung Kantor', jenis: 'Jasa Konsultansi Badan Usaha Konstruksi', hps: 400_000_000 }),
    ];
    for (const x of source.listed) source.details.set(x.kode, detailWithUpload(x.kode, UPLOAD_END));
    t = await startTestApp({ clock, dialect, tenderSource: source, env: { USER_RATE_LIMIT: '100/1000' } });
  });
  afterAll(async () => t?.dispose());

  it('"tender terbaru" before the first poll says the data is not there yet', async () => {
    const r = resident(t.app);
    const turn = await r.send('tender terbaru');
    expect(turn.text).toContain('data tender belum tersedia');
    expect(turn.state?.flow ?? null).toBeNull();
    const baseline = await t.app.lpseJobs.pollOnce();
    expect(baseline).toMatchObject({ baseline: true, listed: 3 });
  });

  it('subscribes from one sentence, says it back with the open tenders that match, and lists it', async () => {
    const r = resident(t.app);
    const saved = await r.send('langganan tender konstruksi jalan minimal 500 juta');
    expect(saved.text).toContain('✅ Langganan disimpan: kata kunci "jalan" · Pekerjaan Konstruksi · HPS minimal Rp 500 juta.');
    expect(saved.text).toContain('Saat ini ada 1 tender terbuka yang cocok:');
    expect(saved.text).toContain('1. Rehabilitasi Jalan Mastrip');
    expect(saved.text).toContain('"berhenti langganan 1"');
    expect(saved.state?.flow ?? null).toBeNull();
    expect(saved.replies[0]!.choices?.map((c) => c.value)).toEqual(['lpse:follow:10100001000', 'lpse:digest:on']);
    const subs = await t.app.lpse.repo.subscriptions(saved.userId);
    expect(subs.map((s) => s.criteria)).toEqual([{ keywords: [['jalan']], exclude: [], jenis: ['konstruksi'], hpsMin: 500_000_000 }]);

    const mine = await r.send('langganan saya');
    expect(mine.text).toContain('Langganan tender Anda:\n1. kata kunci "jalan" · Pekerjaan Konstruksi · HPS minimal Rp 500 juta');
    expect(mine.text).toContain('paling banyak 10 kabar sehari');

    const again = await r.send('langganan tender konstruksi jalan minimal 500 juta');
    expect(again.text).toContain('Langganan itu sudah ada (nomor 1');
    expect(await t.app.lpse.repo.subscriptions(saved.userId)).toHaveLength(1);
  });

  it('asks "500 juta?" for a bare amount, and asks for something to filter on when there is nothing', async () => {
    const r = resident(t.app);
    const unclear = await r.send('kabari kalau ada pengadaan komputer minimal 500');
    expect(unclear.text).toBe('Maksudnya HPS minimal 500 juta atau 500 miliar?');
    expect(unclear.state).toMatchObject({ flow: 'lpse.subscribe', step: 'amount' });

    // An emergency in the middle is answered at once, and the question keeps its place.
    const fire = await r.send('tolong ada kebakaran di pasar gotong royong');
    expect(fire.text).toContain('112');
    expect(fire.state).toMatchObject({ flow: 'lpse.subscribe', step: 'amount' });

    const saved = await r.send('ya');
    expect(saved.text).toContain('kata kunci "komputer" · HPS minimal Rp 500 juta');
    expect(saved.text).toContain('Saat ini belum ada tender terbuka yang cocok.');

    const vague = await r.send('langganan tender');
    expect(vague.text).toContain('Tender apa yang ingin saya kabarkan?');
    expect(vague.replies[0]!.choices?.map((c) => c.value)).toEqual(['lpse:jenis:barang', 'lpse:jenis:konstruksi', 'lpse:jenis:konsultansi', 'lpse:jenis:jasa_lainnya']);
    const general = await r.send('pengadaan dong');
    expect(general.text).toContain('terlalu umum');
    expect(general.state).toMatchObject({ flow: 'lpse.subscribe', step: 'criteria' });
    const picked = await r.send({ choice: 'lpse:jenis:konsultansi' });
    expect(picked.text).toContain('Langganan disimpan: Jasa Konsultansi');
    expect(picked.text).toContain('Jasa Konsultansi Perencanaan Gedung Kantor');
  });

  it('lists the newest open tenders, follows one, and reminds the day before and three hours before the offer deadline', async () => {
    const r = resident(t.app);
    const list = await r.send('tender terbaru');
    expect(list.text).toContain('Tender terbuka terbaru (3):');
    expect(list.text).toMatch(/1\. Jasa Konsultansi Perencanaan[\s\S]*2\. Pengadaan Komputer[\s\S]*3\. Rehabilitasi Jalan Mastrip/);
    expect(list.text).toContain('Batas penawaran Kam, 3 Des 2026 15.00 WIB');
    expect(list.state).toMatchObject({ flow: 'lpse.list', step: 'listing' });
    const followed = await r.send('ikuti 3');
    expect(followed.text).toContain('✅ Anda mengikuti: Rehabilitasi Jalan Mastrip');
    expect(followed.text).toContain('(Kam, 3 Des 2026 15.00 WIB): 3 hari, 1 hari, dan 3 jam sebelumnya');
    expect(followed.state?.flow ?? null).toBeNull();

    // Followed at Monday 10:00, after the H-3 reminder's time (Monday 07:00): it is not sent late.
    expect(await t.app.lpse.reminders.sweep(clock.now())).toBe(0);
    clock.set('2026-12-02T00:05:00Z'); // Wednesday 07:05 WIB
    expect(await t.app.lpse.reminders.sweep(clock.now())).toBe(1);
    expect(await t.app.lpse.reminders.sweep(clock.now())).toBe(0);
    clock.set('2026-12-03T05:01:00Z'); // Thursday 12:01 WIB
    expect(await t.app.lpse.reminders.sweep(clock.now())).toBe(1);
    clock.set('2026-12-03T08:01:00Z'); // after the deadline
    expect(await t.app.lpse.reminders.sweep(clock.now())).toBe(0);
    const reminders = (await queuedTo(followed.userId, 'reminder')).map((m) => m.text.split('\n')[0]);
    expect(reminders.sort()).toEqual(['⏰ Besok batas upload penawaran:', '⏰ Tinggal 3 jam! Batas upload penawaran:']);

    const unfollowed = await r.send('berhenti ikuti 10100001000');
    expect(unfollowed.text).toBe('Anda berhenti mengikuti: Rehabilitasi Jalan Mastrip');
    clock.set('2026-11-30T03:00:00Z');
  });

  it('a new tender reaches the subscriber; its buttons work from the middle of another conversation', async () => {
    const r = resident(t.app);
    const saved = await r.send('kabari kalau ada tender pemeliharaan jalan');
    expect(saved.text).toContain('Langganan disimpan: kata kunci "pemeliharaan jalan"');
    source.listed.push(tender('10100004000', { name: 'Pemeliharaan Berkala Jalan Cokroaminoto', hps: 900_000_000 }));
    source.details.set('10100004000', detailWithUpload('10100004000', new Date('2026-12-08T08:00:00Z')));
    clock.set('2026-11-30T04:00:00Z');
    const round = await t.app.lpseJobs.pollOnce();
    expect(round.created.map((x) => x.kode)).toEqual(['10100004000']);
    const [alert] = await queuedTo(saved.userId, 'alert');
    expect(alert!.text).toContain('Pemeliharaan Berkala Jalan Cokroaminoto');
    const [follow, stop] = alert!.choices!;

    const govis = await r.send('wisata keluarga apa aja?');
    expect(govis.state).toMatchObject({ flow: 'govis.recommend' });
    const followed = await r.send({ choice: follow!.value });
    expect(followed.text).toContain('Anda mengikuti: Pemeliharaan Berkala Jalan Cokroaminoto');
    expect(followed.state).toMatchObject({ flow: 'govis.recommend' });
    const stopped = await r.send({ choice: stop!.value });
    expect(stopped.text).toBe('Langganan 1 (kata kunci "pemeliharaan jalan") sudah dihentikan.');
    expect(stopped.state).toMatchObject({ flow: 'govis.recommend' });
    const twice = await r.send({ choice: stop!.value });
    expect(twice.text).toBe('Langganan itu sudah tidak ada.');
  });

  it('stops one subscription by number, asks which when unclear, and stops everything on "semua"', async () => {
    const r = resident(t.app);
    await r.send('langganan tender komputer');
    await r.send('langganan tender katering');
    await r.send('langganan tender seragam sekolah');
    const missing = await r.send('berhenti langganan 7');
    expect(missing.text).toContain('Tidak ada langganan nomor 7; Anda punya 3 langganan.');
    expect(missing.state).toMatchObject({ flow: 'lpse.subscribe', step: 'which' });
    const two = await r.send('2');
    expect(two.text).toBe('Langganan 2 (kata kunci "katering") sudah dihentikan.');
    const which = await r.send('stop notif lelang');
    expect(which.text).toContain('Langganan mana yang ingin dihentikan?');
    expect(which.text).toContain('1. kata kunci "komputer"\n2. kata kunci "seragam sekolah"');
    const all = await r.send('semua');
    expect(all.text).toContain('Semua langganan tender (2)');
    expect(await t.app.lpse.repo.subscriptions(all.userId)).toEqual([]);
    const none = await r.send('langganan saya');
    expect(none.text).toContain('Anda belum berlangganan kabar tender.');
  });
});
