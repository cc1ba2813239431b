/**
 * A registered mother's everyday words: "sudah" after a visit, "tunda" / "ubah tanggal", "lahir <tanggal>" (twins:
 * "lahir kembar <tanggal>"), a corrected "HPL <tanggal>", "jadwal", "data saya", "berhenti", "hapus data", and the
 * answer to the follow-up after a danger sign. Claimed from any idle state, so they work after a reminder whatever
 * she was doing before.
 */
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Translate } from '../../core/i18n.js';
import { carePlan, likelyVisit, upcoming } from './care-plan.js';
import { addDays, formatDate, wibToday } from './dates.js';
import type { SiskiaProfile } from './model.js';
import { gestationalAge, parseDateId } from './schedule.js';
import type { SiskiaService } from './siskia-service.js';
import { visitLines, visitName } from './visit-text.js';

const DONE = /^(sudah|udah|sdh|dah|wis|uwis|sampun)(\s+(periksa|diperiksa|imunisasi|diimunisasi|kontrol|ke (bidan|puskesmas|posyandu|dokter)|dilakukan|datang|ikut))?\s*[.!]*$/i;
const MOVE = /^(tunda|ditunda|ubah tanggal|ganti tanggal|undur|diundur|pindah tanggal)\b/i;
const BIRTH = /^((sudah|udah)\s+)?(lahir|melahirkan|lahiran)\b|^(bayi|anak)(nya| saya)?\s+(sudah\s+)?lahir\b/i;
const HPL = /\bhpl\b/i;
const STOP = /^(berhenti|stop pengingat|berhenti pengingat|jangan ingatkan lagi)\s*[.!]*$/i;
const MY_DATA = /^(data saya|lihat data saya|data ku|dataku)\s*[?.!]*$/i;
const SCHEDULE = /^(jadwal|jadwal saya|lihat jadwal|jadwalnya)\s*[?.!]*$/i;
const ERASE = /^(hapus data|hapus data saya|hapus semua data( saya)?)\s*[.!]*$/i;
const FOLLOW_UP = /^siskia:followup:(yes|no):(.+)$/;

type Action = 'done' | 'move' | 'birth' | 'hpl' | 'stop' | 'data' | 'schedule' | 'erase' | 'follow_up';

/** Buttons under reminders: they work whatever she has done since. */
const BUTTONS: Record<string, Action> = { 'siskia:done': 'done', 'siskia:move': 'move' };

function actionOf(ctx: TurnContext): Action | undefined {
  if (FOLLOW_UP.test(ctx.choice ?? '')) return 'follow_up';
  if (ctx.choice && BUTTONS[ctx.choice]) return BUTTONS[ctx.choice];
  const text = ctx.text.trim();
  if (ERASE.test(text)) return 'erase';
  if (STOP.test(text)) return 'stop';
  if (MY_DATA.test(text)) return 'data';
  if (SCHEDULE.test(text)) return 'schedule';
  if (DONE.test(text)) return 'done';
  if (MOVE.test(text)) return 'move';
  if (BIRTH.test(text)) return 'birth';
  if (HPL.test(text) && parseDateId(text.replace(/^.*?\bhpl\b[:\s]*/i, ''))) return 'hpl';
  return undefined;
}

/** The care flow and its helpers shared with registration (schedule, birth). */
export function careFlow(deps: { service: SiskiaService }) {
  const { service } = deps;
  const end = (text: string): FlowStep => ({ replies: [{ text }], next: null });

  const schedule = (ctx: TurnContext, p: SiskiaProfile): FlowStep => {
    const { t, locale } = ctx;
    const today = wibToday(ctx.now);
    const plan = carePlan(p.record, today);
    const lines = [t('siskia.schedule_title')];
    const pregnancy = plan.schedule.pregnancy;
    if (pregnancy && !pregnancy.birth) {
      const age = gestationalAge(pregnancy.hpht, today);
      lines.push(t('siskia.pregnancy_summary', { weeks: age.weeks, days: age.days, hpl: formatDate(pregnancy.hpl, locale) }));
    }
    const next = upcoming(plan, today, 12);
    lines.push(...(next.length ? visitLines(next, p, t, locale) : [t('siskia.nothing_upcoming')]));
    return end(lines.join('\n'));
  };

  const birth = async (ctx: TurnContext): Promise<FlowStep> => {
    // "kembar 2" / "kembar tiga" is a count only when a space or the end follows: "kembar 28/11" is a date.
    const date = parseDateId(ctx.text.replace(/^.*?\b(lahir|melahirkan|lahiran)\b\s*(kembar(\s+(2|3|dua|tiga)(?=\s|$))?)?\s*(tanggal|tgl)?\s*/i, '')) ?? ctx.understanding().entities.dates[0]?.date;
    const twins = /kembar\s+(3|tiga)(?=\s|$)/i.test(ctx.text) ? 3 : /kembar/i.test(ctx.text) ? 2 : 1;
    if (!date) return { replies: [{ text: ctx.t('siskia.ask.birth') }], next: { step: 'birth_date', data: { count: twins } } };
    return recordBirth(ctx, date, twins);
  };

  const recordBirth = async (ctx: TurnContext, date: string, count: number): Promise<FlowStep> => {
    const { t, locale } = ctx;
    if (date > wibToday(ctx.now)) return { replies: [{ text: t('siskia.date.birth_future') }], next: { step: 'birth_date', data: { count } } };
    const saved = await service.addBirth(ctx.user.userId, date, count, ctx.now);
    if (!saved.ok) {
      const key = saved.reason === 'duplicate_birth' ? 'siskia.birth.duplicate' : saved.reason === 'not_registered' ? 'siskia.not_registered' : 'siskia.date.birth_conflict';
      return end(t(key, { date: formatDate(date, locale) }));
    }
    const today = wibToday(ctx.now);
    const next = upcoming(carePlan(saved.value.record, today), today, 4);
    return end([t(count > 1 ? 'siskia.birth.recorded_twins' : 'siskia.birth.recorded', { date: formatDate(date, locale), count }), t('siskia.next_visits'), ...visitLines(next, saved.value, t, locale)].join('\n'));
  };

  const run = async (ctx: TurnContext, action: Action): Promise<FlowStep> => {
    const { t, locale } = ctx;
    if (action === 'follow_up') {
      const [, answer, alertId] = FOLLOW_UP.exec(ctx.choice!)!;
      await service.repo.answerAlert(alertId!, ctx.user.userId, answer!, ctx.now);
      return end(t(answer === 'yes' ? 'siskia.follow_up.going' : 'siskia.follow_up.not_yet'));
    }
    const p = await service.repo.get(ctx.user.userId);
    if (action === 'erase') {
      if (!p) return end(t('siskia.erase.nothing'));
      return {
        replies: [{ text: t('siskia.erase.confirm'), choices: [{ label: t('siskia.erase.yes'), value: 'erase_yes' }, { label: t('siskia.erase.no'), value: 'erase_no' }] }],
        next: { step: 'erase', data: {} },
      };
    }
    if (action === 'data') {
      if (!p) return end(t('siskia.erase.nothing'));
      const r = p.record;
      const lines = [t('siskia.data.title'), t('siskia.data.consent', { version: p.consentVersion, date: formatDate(wibToday(p.consentAt), locale) })];
      if (r.hpht) lines.push(t('siskia.data.hpht', { date: formatDate(r.hpht, locale) }));
      if (r.hpl) lines.push(t('siskia.data.hpl', { date: formatDate(r.hpl, locale) }));
      for (const c of r.children) lines.push(t('siskia.data.child', { date: formatDate(c.born, locale) }));
      if (r.motherAge) lines.push(t('siskia.data.age', { age: r.motherAge }));
      for (const place of [p.puskesmas, p.posyandu]) if (place) lines.push(t('siskia.data.puskesmas', { name: place }));
      lines.push(t('siskia.data.visits', { done: r.done.length, moved: r.moved.length }), t(`siskia.data.status_${p.status}`), t('siskia.data.footer'));
      return end(lines.join('\n'));
    }
    // Not hers to answer: "sudah" from someone without a registration means something else.
    if (!p) return { replies: [], next: null, handOff: true };
    if (p.status !== 'active') return end(t(p.status === 'loss' ? 'siskia.after_loss' : 'siskia.not_registered'));
    switch (action) {
      case 'schedule':
        return schedule(ctx, p);
      case 'stop':
        await service.stop(ctx.user.userId, ctx.now);
        return end(t('siskia.stopped'));
      case 'birth':
        return birth(ctx);
      case 'hpl': {
        const date = parseDateId(ctx.text.replace(/^.*?\bhpl\b[:\s]*/i, ''))!;
        const saved = await service.correctHpl(ctx.user.userId, date, ctx.now);
        if (!saved.ok) return end(t(`siskia.date.${saved.reason === 'future' || saved.reason === 'too_old' ? saved.reason : 'unclear'}`));
        return schedule(ctx, saved.value);
      }
      case 'done': {
        const marked = await service.markDone(ctx.user.userId, ctx.now);
        if (!marked.ok) return end(t('siskia.done.nothing'));
        const fresh = (await service.repo.get(ctx.user.userId))!;
        const today = wibToday(ctx.now);
        const next = upcoming(carePlan(fresh.record, today), today, 1);
        const lines = [t('siskia.done.recorded', { visit: visitName(marked.value, p, t, locale) })];
        if (next.length) lines.push(t('siskia.next_visits'), ...visitLines(next, fresh, t, locale));
        return end(lines.join('\n'));
      }
      case 'move': {
        const today = wibToday(ctx.now);
        const last = await service.repo.lastReminder(ctx.user.userId, addDays(today, -10));
        const plan = carePlan(p.record, today);
        const visit = (last && plan.visits.find((v) => v.code === last.code && v.childId === last.childId && !v.done)) ?? likelyVisit(plan, today);
        if (!visit) return end(t('siskia.done.nothing'));
        const date = parseDateId(ctx.text.replace(MOVE, '').trim());
        const data = { code: visit.code, ...(visit.childId ? { childId: visit.childId } : {}) };
        if (date) return moveTo(ctx, data, date);
        return { replies: [{ text: t('siskia.move.ask', { visit: visitName(visit, p, t, locale) }) }], next: { step: 'move_date', data } };
      }
    }
    return end(t('siskia.not_registered'));
  };

  const moveTo = async (ctx: TurnContext, visit: { code: string; childId?: string }, date: string): Promise<FlowStep> => {
    const saved = await service.move(ctx.user.userId, visit, date, ctx.now);
    if (!saved.ok) return { replies: [{ text: ctx.t('siskia.move.past') }], next: { step: 'move_date', data: visit } };
    return end(ctx.t('siskia.move.done', { date: formatDate(date, ctx.locale) }));
  };

  const flow: Flow = {
    name: 'siskia.care',
    intents: ['data.delete'],
    claims(ctx, inOtherFlow) {
      if (FOLLOW_UP.test(ctx.choice ?? '') || (ctx.choice && BUTTONS[ctx.choice])) return true;
      if (inOtherFlow || !ctx.text || ctx.choice) return false;
      return actionOf(ctx) !== undefined;
    },
    async start(ctx) {
      return run(ctx, actionOf(ctx) ?? 'erase');
    },
    async resume(ctx, step, data) {
      const t: Translate = ctx.t;
      if (step === 'erase') {
        if (ctx.choice === 'erase_yes' || /^(ya|iya|yes|hapus)$/i.test(ctx.text)) {
          const erased = await service.erase(ctx.user.userId);
          return end(t('siskia.erase.done', { reminders: erased.reminders, alerts: erased.alerts }));
        }
        return end(t('siskia.erase.kept'));
      }
      if (step === 'move_date') {
        const date = parseDateId(ctx.text);
        if (!date) return { replies: [{ text: t('siskia.date.unclear') }], next: { step, data } };
        return moveTo(ctx, data as { code: string; childId?: string }, date);
      }
      if (step === 'birth_date') {
        const date = parseDateId(ctx.text) ?? ctx.understanding().entities.dates[0]?.date;
        if (!date) return { replies: [{ text: t('siskia.date.unclear') }], next: { step, data } };
        return recordBirth(ctx, date, Number(data.count) || 1);
      }
      return { replies: [], next: null, handOff: true };
    },
  };
  return { flow, schedule, birth };
}
