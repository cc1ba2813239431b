/**
 * Filing and following a complaint, turn by turn, on the web channel with the real engine, NLU, database and
 * Redis. "Today" is pinned: Monday 30 November 2026, 09:00 WIB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { resident } from '../support/script.js';

const MONDAY_9AM = '2026-11-30T02:00:00Z';
const STATION = { lat: -7.732914, lon: 113.216789 }; // the label point of Kel. Mayangan
const NEAR_STATION = { lat: -7.7335, lon: 113.218 }; // ~150 m from it
const SEA = { lat: -7.7, lon: 113.21 };

describe.each(DIALECTS)('complaints on %s', (dialect) => {
  const clock = new FixedClock(MONDAY_9AM);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock, dialect, env: { CONVERSATION_TIMEOUT_MINUTES: '30', USER_RATE_LIMIT: '100/1000' } });
  });
  afterAll(async () => t?.dispose());

  it('files from one free-text message, asking only for what is missing', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const first = await r.send('lampu jalan di jl mastrip depan masjid mati 3 hari');
    expect(first.text).toContain('Lampu jalan & lalu lintas');
    expect(first.text).toContain('Ada foto?');
    expect(first.state).toMatchObject({ flow: 'complaints.file', step: 'photos' });
    expect(first.state?.data).toMatchObject({ type: 'pengaduan', category: 'lampu', incidentDate: '2026-11-27', location: { text: expect.stringContaining('Jalan Mastrip') } });

    const privacy = await r.send('lewati');
    expect(privacy.state?.step).toBe('privacy');
    expect(privacy.text).toContain('Anonim: laporan tampil umum tanpa nama Anda; petugas tetap tahu');
    expect(privacy.replies.at(-1)?.choices?.map((c) => c.value)).toEqual(['publik', 'anonim', 'rahasia']);

    const summary = await r.send('publik');
    expect(summary.state?.step).toBe('summary');
    expect(summary.text).toContain('Ringkasan laporan Anda');
    expect(summary.text).toContain('Dishub');
    expect(summary.text).toContain('Jumat, 27 November 2026');

    const filed = await r.send('kirim');
    expect(filed.text).toContain('PBL-2026-000001');
    expect(filed.text).toContain('Ditangani oleh: Dishub');
    // 3 working days after Monday 30 Nov is Thursday 3 Dec; 3 + 5 is Thursday 10 Dec.
    expect(filed.text).toContain('Kamis, 3 Desember 2026');
    expect(filed.text).toContain('Kamis, 10 Desember 2026');
    expect(filed.state).toBeNull();

    const stored = await t.app.complaints.service.get('PBL-2026-000001');
    expect(stored).toMatchObject({ category: 'lampu', office: 'dishub', state: 'diterima', privacy: 'publik', incidentDate: '2026-11-27', source: 'chat' });
    expect(stored.reporter?.userId).toBe(filed.userId);
  });

  it('guides "mau lapor" slot by slot, with a vague place, a pin in the sea, six photos and an edit', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const type = await r.send('mau lapor');
    expect(type.state?.step).toBe('type');
    expect(type.replies.at(-1)?.choices?.map((c) => c.value)).toEqual(['pengaduan', 'aspirasi', 'informasi']);

    const desc = await r.send('1');
    expect(desc.state?.step).toBe('description');
    const tooShort = await r.send('rusak');
    expect(tooShort.state?.step).toBe('description');
    expect(tooShort.text).toContain('sedikit lebih lengkap');

    const where = await r.send('jalan berlubang besar sekali dan sering bikin motor jatuh');
    expect(where.state?.data).toMatchObject({ category: 'jalan_selokan' });
    expect(where.state?.step).toBe('location');
    expect(where.replies.at(-1)?.requestLocation).toBe(true);

    const vague = await r.send('di rumah');
    expect(vague.state?.step).toBe('location');
    expect(vague.text).toContain('nama jalan, patokan');
    expect(vague.text).not.toContain('SEKARANG');

    const sea = await r.send({ location: SEA });
    expect(sea.state?.step).toBe('location');
    expect(sea.text).toContain('di luar Kota Probolinggo');
    expect(sea.text).toContain('lapor.go.id');

    const photos = await r.send({ location: STATION });
    expect(photos.state?.step).toBe('photos');
    expect(photos.state?.data).toMatchObject({ location: { kelurahan: 'Mayangan', kecamatan: 'Mayangan', point: STATION } });

    for (let i = 1; i <= 4; i++) {
      const got = await r.send({ photo: { fileId: `photo-${i}` } });
      expect(got.text).toContain(`Foto diterima (${i}/5)`);
      expect(got.state?.step).toBe('photos');
    }
    const fifth = await r.send({ photo: { fileId: 'photo-5' } });
    expect(fifth.text).toContain('Foto diterima (5/5)');
    expect(fifth.state?.step).toBe('date');
    const sixth = await r.send({ photo: { fileId: 'photo-6' } });
    expect(sixth.text).toContain('paling banyak 5 foto');
    expect(sixth.state?.step).toBe('date');
    expect((sixth.state?.data.photos as unknown[]).length).toBe(5);

    const tomorrow = await r.send('besok');
    expect(tomorrow.state?.step).toBe('date');
    const privacy = await r.send('kemarin');
    expect(privacy.state?.data).toMatchObject({ incidentDate: '2026-11-29' });
    const summary = await r.send('anonim');
    expect(summary.text).toContain('Privasi: Anonim');
    expect(summary.text).toContain('Kel. Mayangan, Kec. Mayangan');

    const which = await r.send('ubah');
    expect(which.state?.step).toBe('edit');
    const ask = await r.send({ choice: 'edit:privacy' });
    expect(ask.state?.step).toBe('privacy');
    const again = await r.send('rahasia');
    expect(again.state?.step).toBe('summary');
    expect(again.text).toContain('Privasi: Rahasia');

    const filed = await r.send('kirim');
    const ticket = /PBL-2026-\d{6}/.exec(filed.text)?.[0];
    expect(ticket).toBeDefined();
    const stored = await t.app.complaints.service.get(ticket!);
    expect(stored).toMatchObject({ category: 'jalan_selokan', office: 'dpupr_pkp', privacy: 'rahasia', incidentDate: '2026-11-29', location: { kelurahanCode: '35.74.03.1001' } });
    expect(stored.photos.map((p) => p.fileId)).toEqual(['photo-1', 'photo-2', 'photo-3', 'photo-4', 'photo-5']);
  });

  it('pungli is rahasia by default and goes to the Inspektorat; a national road goes to BBPJN', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const first = await r.send('ada pungli di kantor kelurahan jati, diminta 50 ribu buat surat pengantar');
    expect(first.state?.data).toMatchObject({ category: 'pungli', privacy: 'rahasia' });
    await r.send('lewati');
    const summary = await r.send('lewati');
    expect(summary.state?.step).toBe('summary');
    expect(summary.text).toContain('Privasi: Rahasia');
    expect(summary.text).toContain('Inspektorat');

    const road = resident(t.app);
    const pothole = await road.send('jalan berlubang besar di jl soekarno hatta dekat alun-alun kemarin');
    expect(pothole.state?.data).toMatchObject({ category: 'jalan_selokan', incidentDate: '2026-11-29' });
    await road.send('lewati');
    const s = await road.send('publik');
    expect(s.text).toContain('BBPJN');
  });

  it('offers an open report nearby to support instead of filing a duplicate', async () => {
    clock.set(MONDAY_9AM);
    const first = resident(t.app);
    const start = await first.send('lampu penerangan jalan mati di depan stasiun sudah seminggu');
    expect(start.state?.step).toBe('photos');
    const loc = await first.send({ location: STATION });
    expect(loc.text).toContain('Lokasi dicatat');
    expect(loc.state?.step).toBe('photos');
    await first.send('lewati');
    const sum = await first.send('publik');
    expect(sum.state?.step).toBe('summary');
    const filed = await first.send('kirim');
    const ticket = /PBL-2026-\d{6}/.exec(filed.text)![0];

    const second = resident(t.app);
    await second.send('lampu jalan mati di dekat stasiun, gelap sekali');
    await second.send({ location: NEAR_STATION });
    await second.send('lewati');
    await second.send('lewati');
    const offer = await second.send('publik');
    expect(offer.state?.step).toBe('nearby');
    expect(offer.text).toContain(ticket);
    expect(offer.replies.at(-1)?.choices?.map((c) => c.value)).toEqual([`support:${ticket}`, 'new']);
    const supported = await second.send('1');
    expect(supported.text).toContain(`mendukung laporan ${ticket}`);
    expect(supported.state).toBeNull();
    const c = await t.app.complaints.service.get(ticket);
    expect(c.supporterCount).toBe(1);
    const own = await t.app.complaints.repo.byReporter(supported.userId, 10);
    expect(own).toEqual([]);

    // The supporter now sees the details too.
    const check = await second.send(`cek ${ticket}`);
    expect(check.text).toContain('Uraian: lampu penerangan jalan mati');
  });

  it('status: own details, public view for others, rahasia hidden, unknown and malformed ids', async () => {
    clock.set(MONDAY_9AM);
    const owner = resident(t.app);
    await owner.send('sampah menumpuk di pinggir jalan kebonsari kulon sudah 5 hari bau sekali');
    await owner.send('lewati');
    await owner.send('publik');
    const filed = await owner.send('kirim');
    const ticket = /PBL-2026-\d{6}/.exec(filed.text)![0];

    const mine = await owner.send(`cek ${ticket.toLowerCase()}`);
    expect(mine.text).toContain(`Laporan ${ticket}`);
    expect(mine.text).toContain('Uraian: sampah menumpuk');
    expect(mine.text).toContain('Riwayat:');

    const other = resident(t.app);
    const view = await other.send(`cek ${ticket}`);
    expect(view.text).toContain('Status: Diterima');
    expect(view.text).not.toContain('sampah menumpuk');
    expect(view.text).toContain('hanya bisa dilihat pelapor');

    const rahasia = (await t.app.complaints.repo.list({ limit: 50, offset: 0 })).items.find((c) => c.privacy === 'rahasia');
    expect(rahasia).toBeDefined();
    const hidden = await other.send(`cek ${rahasia!.ticket}`);
    expect(hidden.text).toContain(`Laporan ${rahasia!.ticket} tidak ditemukan`);

    expect((await other.send('cek PBL-2026-999999')).text).toContain('tidak ditemukan');
    expect((await other.send('cek PBL-20X')).text).toContain('Formatnya PBL-tahun-nomor');

    const list = await owner.send('laporan saya gimana');
    expect(list.text).toContain(ticket);
    expect(list.text).toContain('Laporan Anda:');
    expect((await other.send('laporan saya gimana')).text).toContain('belum punya laporan');
  });

  it('an emergency mid-flow is answered with 112 and the draft stays where it was; silence expires it with a note', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    await r.send('mau lapor');
    await r.send('pengaduan');
    const loc = await r.send('saluran air mampet dan meluap ke jalan setiap hujan');
    expect(loc.state?.step).toBe('location');
    const fire = await r.send('tolong ada kebakaran di pasar baru sekarang');
    expect(fire.text).toContain('112');
    expect(fire.state).toMatchObject({ flow: 'complaints.file', step: 'location' });

    clock.advance(31 * 60_000);
    const later = await r.send('jl pahlawan depan sekolah');
    expect(later.text).toContain('belum Anda kirim sudah lama tidak dilanjutkan');
    const mine = await t.app.complaints.repo.byReporter(later.userId, 10);
    expect(mine).toEqual([]);
  });

  it('a very long description is kept up to the limit and the resident is told', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    await r.send('mau lapor');
    await r.send('pengaduan');
    const long = `jalan rusak parah di depan rumah warga ${'sangat berbahaya untuk pengendara motor '.repeat(130)}`;
    expect(long.length).toBeGreaterThan(5000);
    const turn = await r.send(long);
    expect(turn.text).toContain('hanya 4000 huruf pertama');
    expect(turn.text).toContain('saya simpan 3000 huruf pertama');
    expect((turn.state?.data.description as string).length).toBe(3000);
  });
});
