/**
 * SISKIA conversations, turn by turn, on the web channel with the real engine, NLU, database and Redis, with a
 * pinned WIB clock: consent before any health question, registration from HPHT, schedule, reminders planned from
 * the database, replies to them, birth of twins, corrected HPL, loss, stop and erase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { Sql } from '../../src/db/sql.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { resident } from '../support/script.js';

const MONDAY_9AM = '2026-11-30T02:00:00Z'; // Monday 30 Nov 2026, 09:00 WIB

describe.each(DIALECTS)('SISKIA on %s', (dialect) => {
  const clock = new FixedClock(MONDAY_9AM);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock, dialect, env: { USER_RATE_LIMIT: '100/1000', HEALTH_DATA_KEY: 'k1:' + Buffer.alloc(32, 7).toString('base64') } });
  });
  afterAll(async () => t?.dispose());

  async function register(r: ReturnType<typeof resident>, hpht = '01/06/2026') {
    await r.send('saya mau daftar kehamilan');
    await r.send('setuju');
    await r.send('hamil');
    await r.send(hpht);
    await r.send('27');
    return r.send('lewati');
  }

  it('asks consent first, records it with its version, then registers from HPHT and shows the next visits', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const consent = await r.send('saya mau daftar kehamilan');
    expect(consent.state).toMatchObject({ flow: 'siskia.register', step: 'consent' });
    expect(consent.text).toContain('disimpan terenkripsi');
    expect(consent.text).toContain('hapus data');
    expect(await t.app.siskia.service.repo.get(consent.userId)).toBeUndefined();

    const unclear = await r.send('hmm');
    expect(unclear.state?.step).toBe('consent');
    expect(unclear.text).toContain('perlu persetujuan');

    const stage = await r.send('SETUJU');
    expect(stage.state?.step).toBe('stage');
    const stored = await t.app.siskia.service.repo.get(stage.userId);
    expect(stored).toMatchObject({ consentVersion: '2026-11-29.2', status: 'active', registeredBy: 'self' });

    await r.send('hamil');
    const future = await r.send('01/01/2027');
    expect(future.text).toContain('belum terjadi');
    expect(future.state?.step).toBe('dates');
    const invalid = await r.send('31/02/2026');
    expect(invalid.text).toContain('belum saya pahami');
    const vague = await r.send('bulan lalu');
    expect(vague.state?.step).toBe('dates');
    const tooOld = await r.send('01/01/2026');
    expect(tooOld.text).toContain('lebih dari 44 minggu');

    const age = await r.send('01/06/2026');
    expect(age.state?.step).toBe('age');
    // No health data in the conversation state: it went straight to the encrypted record.
    expect(JSON.stringify(age.state)).not.toContain('2026-06-01');
    await r.send('27');
    const done = await r.send('lewati');
    // HPHT 1 June 2026 → HPL 8 March 2027; 30 Nov 2026 is 182 days later: 26 weeks 0 days.
    expect(done.text).toContain('26 minggu 0 hari');
    expect(done.text).toContain('Senin, 8 Maret 2027');
    expect(done.text).toContain('Jadwal berikutnya');
    expect(done.state).toBeNull();

    // Encrypted at rest: the raw row holds no date.
    const [row] = await new Sql(t.app.orm).all<{ record_enc: string }>('select record_enc from siskia_profiles where user_id = ?', [done.userId]);
    expect(row!.record_enc.startsWith('enc:v1:')).toBe(true);
    expect(row!.record_enc).not.toContain('2026');
  });

  it('a mother under 18 is referred to her midwife and nothing is kept', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    await r.send('daftar kehamilan');
    await r.send('setuju');
    await r.send('hamil');
    await r.send('01/08/2026');
    const minor = await r.send('16');
    expect(minor.text).toContain('di bawah 18 tahun');
    expect(await t.app.siskia.service.repo.get(minor.userId)).toBeUndefined();
  });

  it('plans reminders at 07:00 WIB on D-7 and D-1, once a day, and none for a visit marked done', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const reg = await register(r, '01/06/2026');
    // K4 is due at 28 weeks: 14 Dec 2026. D-7 is Monday 7 Dec.
    clock.set('2026-12-06T22:00:00Z'); // 05:00 WIB on 7 Dec, when the planner runs
    const planned = await t.app.siskia.planner.planDay(clock.now());
    expect(planned.planned).toBeGreaterThanOrEqual(1);
    const again = await t.app.siskia.planner.planDay(clock.now());
    expect(again.planned).toBe(0);
    const jobs = await t.app.outbox.queue.getDelayed();
    const mine = jobs.filter((j) => j.data.userId === reg.userId && j.data.kind === 'reminder');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data.reply.text).toContain('seminggu lagi');
    expect(mine[0]!.data.reply.text).toContain('Senin, 14 Desember 2026');
    expect(mine[0]!.opts.delay).toBe(2 * 3600_000); // 05:00 → 07:00 WIB

    // In the quiet hours nothing routine is planned.
    clock.set('2026-12-07T15:00:00Z'); // 22:00 WIB
    expect((await t.app.siskia.planner.planDay(clock.now())).quiet).toBe(true);

    // She replies "sudah" (visit done early): no D-1 reminder for K4.
    clock.set('2026-12-10T03:00:00Z');
    const sudah = await r.send('sudah');
    expect(sudah.text).toContain('Dicatat');
    expect(sudah.text).toContain('K4');
    clock.set('2026-12-12T23:00:00Z'); // 06:00 WIB on 13 Dec = D-1 of K4
    await t.app.siskia.planner.planDay(clock.now());
    const after = (await t.app.outbox.queue.getJobs(['delayed', 'waiting'])).filter((j) => j.data.userId === reg.userId && j.data.kind === 'reminder');
    expect(after.map((j) => j.data.reply.text).filter((x) => x.includes('K4') && x.includes('besok'))).toEqual([]);
  });

  it('plans by the WIB day whatever the server clock says: 07:00 WIB is 00:00 UTC, late runs send at once', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const reg = await register(r, '02/06/2026'); // K4 due 15 Dec; D-7 is 8 Dec (WIB)
    const delays = async () =>
      (await t.app.outbox.queue.getJobs(['delayed', 'waiting'])).filter((j) => j.data.userId === reg.userId && j.data.kind === 'reminder').map((j) => j.opts.delay ?? 0);
    clock.set('2026-12-07T16:30:00Z'); // 23:30 WIB on 7 Dec: quiet hours, and still the 7th in WIB
    expect((await t.app.siskia.planner.planDay(clock.now())).quiet).toBe(true);
    clock.set('2026-12-07T23:30:00Z'); // 06:30 WIB on 8 Dec (still the 7th in UTC): the 8th's reminder, at 07:00
    await t.app.siskia.planner.planDay(clock.now());
    expect(await delays()).toEqual([30 * 60_000]);
    clock.set('2026-12-14T01:00:00Z'); // 08:00 WIB on 14 Dec, D-1: a late run sends at once
    await t.app.siskia.planner.planDay(clock.now());
    expect((await delays()).sort()).toEqual([0, 30 * 60_000]);
  });

  it('"sudah" with nothing due, "tunda" to a new date, schedule on request', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    await register(r, '01/10/2026'); // 8 weeks 4 days: K1 due at 8 weeks (26 Nov) still open
    const schedule = await r.send('jadwal');
    expect(schedule.text).toContain('Jadwal Ibu');
    expect(schedule.text).toContain('K2');
    const move = await r.send('tunda');
    expect(move.state?.step).toBe('move_date');
    const past = await r.send('01/11/2026');
    expect(past.text).toContain('sudah lewat');
    const moved = await r.send('05/12/2026');
    expect(moved.text).toContain('Sabtu, 5 Desember 2026');
    const done = await r.send('sudah');
    expect(done.text).toContain('K1');
    const nothing = await r.send('sudah');
    expect(nothing.text).toContain('Belum ada jadwal yang perlu dicatat');
  });

  it('birth of twins switches to postpartum, newborn and immunisation tracks; the same birth twice is refused; a corrected HPL recomputes', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    await register(r, '01/03/2026');
    const triplets = resident(t.app);
    await register(triplets, '01/03/2026');
    const three = await triplets.send('lahir kembar tiga 29/11/2026');
    expect((await t.app.siskia.service.repo.get(three.userId))?.record.children).toHaveLength(3);
    const born = await r.send('lahir kembar 28/11/2026');
    expect(born.text).toContain('2 bayinya');
    expect(born.text).toMatch(/bayi 1/);
    const p = await t.app.siskia.service.repo.get(born.userId);
    expect(p?.record.children).toHaveLength(2);
    const before = await r.send('lahir 15/02/2026');
    expect(before.text).toContain('tidak cocok dengan HPHT/HPL');
    const twice = await r.send('lahir 28/11/2026');
    expect(twice.text).toContain('sudah tercatat');
    expect((await t.app.siskia.service.repo.get(born.userId))?.record.children).toHaveLength(2);

    const other = resident(t.app);
    await register(other, '01/06/2026');
    const hpl = await other.send('HPL 15/03/2027');
    expect(hpl.text).toContain('Senin, 15 Maret 2027');
    expect((await t.app.siskia.service.repo.get(hpl.userId))?.record).toMatchObject({ hpl: '2027-03-15', hplSource: 'midwife' });
  });

  it('a loss stops everything at once with one compassionate message, and no routine message follows', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const reg = await register(r, '01/06/2026');
    const loss = await r.send('bu bidan, saya keguguran kemarin');
    expect(loss.replies).toHaveLength(1);
    expect(loss.text).toContain('turut berduka');
    expect(loss.text).not.toContain('Pengingat');
    expect((await t.app.siskia.service.repo.get(reg.userId))?.status).toBe('loss');
    clock.set('2026-12-06T22:00:00Z');
    await t.app.siskia.planner.planDay(clock.now());
    const jobs = (await t.app.outbox.queue.getJobs(['delayed', 'waiting'])).filter((j) => j.data.userId === reg.userId && j.data.kind === 'reminder');
    expect(jobs).toEqual([]);
    expect((await r.send('jadwal')).text).toContain('tidak akan mengirim pengingat');
  });

  it('a danger sign from a registered mother gets the answer at once and a follow-up 20 minutes later', async () => {
    clock.set('2026-11-29T19:00:00Z'); // 02:00 WIB
    const r = resident(t.app);
    const reg = await register(r, '01/06/2026');
    const danger = await r.send('tolong keluar darah banyak dari jalan lahir');
    expect(danger.text).toContain('112');
    expect(danger.text).toContain('RSUD dr. Mohamad Saleh');
    const followUps = (await t.app.outbox.queue.getDelayed()).filter((j) => j.data.userId === reg.userId && j.data.reply.text.includes('Sudah menuju'));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.opts.delay).toBe(20 * 60_000);
    const answer = await r.send({ choice: followUps[0]!.data.reply.choices![1]!.value });
    expect(answer.text).toContain('jangan menunggu');
  });

  it('"data saya" shows what is stored; "berhenti" stops; "hapus data" erases and says what', async () => {
    clock.set(MONDAY_9AM);
    const r = resident(t.app);
    const reg = await register(r, '01/06/2026');
    const data = await r.send('data saya');
    expect(data.text).toContain('HPHT: Senin, 1 Juni 2026');
    expect(data.text).toContain('Usia Ibu: 27');
    const stop = await r.send('berhenti');
    expect(stop.text).toContain('dihentikan');
    expect((await t.app.siskia.service.repo.get(reg.userId))?.status).toBe('stopped');
    const confirm = await r.send('hapus data');
    expect(confirm.state?.step).toBe('erase');
    const erased = await r.send('ya');
    expect(erased.text).toContain('Sudah dihapus');
    expect(await t.app.siskia.service.repo.get(reg.userId)).toBeUndefined();
    expect((await r.send('data saya')).text).toContain('Tidak ada data kesehatan');
  });
});
