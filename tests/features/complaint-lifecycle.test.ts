/**
 * A complaint's life after filing, with the real service, database and outbox: officers move it through the state
 * machine (each change pushed to the reporter and supporters), the reporter confirms or reopens, and the deadline
 * sweep escalates late tickets and closes forgotten ones. "Today" is pinned in WIB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import type { Actor } from '../../src/features/complaints/complaint-service.js';
import { TransitionError } from '../../src/features/complaints/states.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { resident } from '../support/script.js';

const clock = new FixedClock('2026-11-30T02:00:00Z'); // Monday 09:00 WIB
const coordinator: Actor = { role: 'coordinator', name: 'koordinator' };
const dlh: Actor = { role: 'office', office: 'dlh', name: 'petugas dlh' };
const dishub: Actor = { role: 'office', office: 'dishub', name: 'petugas dishub' };
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock, env: { USER_RATE_LIMIT: '100/1000' } });
});
afterAll(async () => t?.dispose());

async function fileRubbish(r: ReturnType<typeof resident>): Promise<string> {
  await r.send('sampah menumpuk di pinggir jalan kebonsari kulon sudah 5 hari bau sekali');
  await r.send('lewati');
  await r.send('publik');
  const filed = await r.send('kirim');
  return /PBL-2026-\d{6}/.exec(filed.text)![0];
}

/** A rubbish complaint filed by `r`, sent to DLH and resolved there; returns its ticket. */
async function resolvedRubbish(r: ReturnType<typeof resident>): Promise<string> {
  const ticket = await fileRubbish(r);
  const { service } = t.app.complaints;
  await service.transition(ticket, { to: 'didisposisikan', office: 'dlh' }, coordinator, clock.now());
  await service.transition(ticket, { to: 'selesai', note: 'sudah diangkut' }, dlh, clock.now());
  return ticket;
}

async function notificationsTo(userId: string): Promise<string[]> {
  const rows = await t.app.messageLog.listOutbound('queued', 500);
  return rows.filter((r) => r.userId === userId && r.kind === 'notice').map((r) => String((r.payload as { text: string }).text));
}

describe('complaint lifecycle', () => {
  it('officers move it through the states; every change reaches reporter and supporters; the trail has who, when, why', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const reporter = resident(t.app);
    const ticket = await fileRubbish(reporter);
    const supporter = resident(t.app);
    await supporter.send(`dukung ${ticket}`);
    const { service } = t.app.complaints;

    await service.transition(ticket, { to: 'terverifikasi' }, coordinator, clock.now());
    await service.transition(ticket, { to: 'didisposisikan', office: 'dlh' }, coordinator, clock.now());
    await expect(service.transition(ticket, { to: 'diproses' }, dishub, clock.now())).rejects.toMatchObject({ code: 'forbidden' });
    await service.transition(ticket, { to: 'diproses' }, dlh, clock.now());
    const noNote = service.transition(ticket, { to: 'selesai' }, dlh, clock.now());
    await expect(noNote).rejects.toBeInstanceOf(TransitionError);
    await expect(noNote).rejects.toMatchObject({ code: 'note_required' });
    const illegal = service.transition(ticket, { to: 'terverifikasi' }, coordinator, clock.now());
    await expect(illegal).rejects.toMatchObject({ code: 'illegal', allowed: expect.arrayContaining(['selesai', 'duplikat']) });
    clock.advance(3600_000);
    await service.transition(ticket, { to: 'selesai', note: 'Sampah sudah diangkut truk DLH' }, dlh, clock.now());

    const pushed = await notificationsTo((await reporter.send('cek ' + ticket)).userId);
    expect(pushed.some((p) => p.includes('Terverifikasi'))).toBe(true);
    expect(pushed.some((p) => p.includes('Diteruskan ke DLH'))).toBe(true);
    expect(pushed.some((p) => p.includes('Sedang diproses'))).toBe(true);
    expect(pushed.some((p) => p.includes('Sampah sudah diangkut') && p.includes('sudah beres'))).toBe(true);
    const supporterPushes = await notificationsTo((await supporter.send('halo')).userId);
    expect(supporterPushes.filter((p) => p.includes(ticket))).toHaveLength(4);

    const c = await service.get(ticket);
    const trail = await t.app.complaints.repo.events(c.id);
    expect(trail.map((e) => [e.kind, e.toState ?? null, e.actor])).toEqual([
      ['filed', 'diterima', 'resident'],
      ['support', null, 'resident'],
      ['transition', 'terverifikasi', 'coordinator (koordinator)'],
      ['transition', 'didisposisikan', 'coordinator (koordinator)'],
      ['transition', 'diproses', 'office:dlh (petugas dlh)'],
      ['transition', 'selesai', 'office:dlh (petugas dlh)'],
    ]);
    expect(trail.at(-1)?.note).toBe('Sampah sudah diangkut truk DLH');
    expect(c.respondedAt).toBeDefined();
  });

  it('"belum beres" reopens within 14 days; "sudah beres" asks for a rating and closes', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const reporter = resident(t.app);
    const ticket = await resolvedRubbish(reporter);
    const { service } = t.app.complaints;

    // The resolution left the reporter a question to answer.
    const reopen = await reporter.send('belum beres');
    expect(reopen.text).toContain(`Laporan ${ticket} saya buka lagi`);
    expect((await service.get(ticket)).state).toBe('diproses');
    expect((await service.get(ticket)).reopenCount).toBe(1);

    await service.transition(ticket, { to: 'selesai', note: 'diangkut lagi dan dipasang papan larangan' }, dlh, clock.now());
    const ask = await reporter.send({ choice: `complaint:beres:${ticket}` });
    expect(ask.text).toContain('Berapa nilai Anda');
    expect(ask.state).toMatchObject({ flow: 'complaints.status', step: 'rating' });
    const rated = await reporter.send('5');
    expect(rated.text).toContain('Terima kasih atas penilaiannya');
    const closed = await service.get(ticket);
    expect(closed.rating).toBe(5);
    expect(closed.closedAt).toBeDefined();
    expect((await reporter.send(`belum beres ${ticket}`)).text).toContain('sudah ditutup');
  });

  it('a feedback button works in the middle of another conversation, which is kept', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const reporter = resident(t.app);
    const ticket = await resolvedRubbish(reporter);
    const { service } = t.app.complaints;
    await reporter.send('mau lapor');
    const mid = await reporter.send('pengaduan');
    expect(mid.state?.step).toBe('description');
    const button = await reporter.send({ choice: `complaint:belum:${ticket}` });
    expect(button.text).toContain('saya buka lagi');
    expect(button.state).toMatchObject({ flow: 'complaints.file', step: 'description' });
  });

  it('after 14 days "belum beres" is too late', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const reporter = resident(t.app);
    const ticket = await resolvedRubbish(reporter);
    const { service } = t.app.complaints;
    clock.advance(15 * 86_400_000);
    const late = await reporter.send(`belum beres ${ticket}`);
    expect(late.text).toContain('sudah ditutup');
    expect((await service.get(ticket)).state).toBe('selesai');
  });

  it('the sweep escalates overdue tickets once and auto-closes resolved ones after 10 working days', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const reporter = resident(t.app);
    const late = await fileRubbish(reporter);
    const resolved = await fileRubbish(reporter);
    const { service } = t.app.complaints;
    await service.transition(resolved, { to: 'didisposisikan', office: 'dlh' }, coordinator, clock.now());
    await service.transition(resolved, { to: 'selesai', note: 'sudah diangkut' }, dlh, clock.now());

    // Verification was due at the end of Thursday 3 December (WIB).
    clock.set('2026-12-03T16:59:00Z'); // Thursday 23:59 WIB
    expect((await t.app.sla.runOnce()).escalated).not.toContain(late);
    clock.set('2026-12-03T17:01:00Z'); // Friday 00:01 WIB
    const first = await t.app.sla.runOnce();
    expect(first.escalated).toContain(late);
    expect((await service.get(late)).overdue).toBe(true);
    const pushed = await notificationsTo((await reporter.send('halo')).userId);
    expect(pushed.some((p) => p.includes(late) && p.includes('koordinator'))).toBe(true);
    expect((await t.app.sla.runOnce()).escalated).not.toContain(late);
    const trail = await t.app.complaints.repo.events((await service.get(late)).id);
    expect(trail.filter((e) => e.kind === 'escalation')).toHaveLength(1);

    // Resolved Monday 30 Nov: 10 working days later is Monday 14 December.
    clock.set('2026-12-14T10:00:00Z');
    expect((await t.app.sla.runOnce()).autoClosed).not.toContain(resolved);
    clock.set('2026-12-14T17:30:00Z'); // Tuesday 15 Dec, 00:30 WIB
    expect((await t.app.sla.runOnce()).autoClosed).toContain(resolved);
    expect((await service.get(resolved)).closedAt).toBeDefined();
  });

  it('marking a duplicate makes the reporter a supporter of the original; bukan_kewenangan to another office re-routes', async () => {
    clock.set('2026-11-30T02:00:00Z');
    const a = resident(t.app);
    const b = resident(t.app);
    const original = await fileRubbish(a);
    const copy = await fileRubbish(b);
    const { service } = t.app.complaints;
    await service.transition(copy, { to: 'duplikat', duplicateOf: original }, coordinator, clock.now());
    const dup = await service.get(copy);
    expect(dup).toMatchObject({ state: 'duplikat', duplicateOf: original });
    expect((await service.get(original)).supporterCount).toBe(1);

    await service.transition(original, { to: 'didisposisikan', office: 'dlh' }, coordinator, clock.now());
    const moved = await service.transition(original, { to: 'bukan_kewenangan', referTo: 'satpolpp', note: 'PKL, bukan sampah' }, dlh, clock.now());
    expect(moved).toMatchObject({ state: 'didisposisikan', office: 'satpolpp' });
    const outside = await service.transition(original, { to: 'bukan_kewenangan', referTo: 'pln', note: 'kabel listrik PLN' }, { role: 'office', office: 'satpolpp', name: 'x' }, clock.now());
    expect(outside.state).toBe('bukan_kewenangan');
    expect(outside.referredTo).toContain('PLN');
  });
});
