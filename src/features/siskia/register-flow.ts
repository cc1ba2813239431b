/**
 * Registering with SISKIA: the consent text and an explicit "SETUJU" (recorded with the text's version) before any
 * health question, then pregnant or already delivered, HPHT or HPL (or the birth date and how many babies), the
 * mother's age (under 18: referred to her midwife, nothing kept), and optionally her puskesmas. Answers are saved
 * to the encrypted record as they come, so the conversation state never holds health data.
 * Also answers "jadwal" and "bayi saya sudah lahir" for registered mothers who ask through the NLU.
 */
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import { contactOf } from '../../core/contact.js';
import { carePlan, upcoming } from './care-plan.js';
import { formatDate, wibToday } from './dates.js';
import type { HealthRecord, SiskiaProfile } from './model.js';
import { gestationalAge, parseDateId } from './schedule.js';
import { CONSENT_VERSION, MIN_MOTHER_AGE, type SiskiaService } from './siskia-service.js';
import { visitLines } from './visit-text.js';

const AGREE = /^(setuju|saya setuju|ya setuju|ya,? setuju|iya setuju|agree|i agree)$/i;
const SKIP = /^(lewati|lewat|skip|tidak|gak|ga|nggak|tidak ada|belum tahu)$/i;

/** Builds the registration flow. */
export function registerFlow(deps: { service: SiskiaService; schedule: (ctx: TurnContext, p: SiskiaProfile) => FlowStep; birth: (ctx: TurnContext) => Promise<FlowStep> }): Flow {
  const { service } = deps;

  const askConsent = (ctx: TurnContext): FlowStep => ({
    replies: [
      {
        text: ctx.t('siskia.consent.text'),
        choices: [
          { label: ctx.t('siskia.consent.agree'), value: 'agree' },
          { label: ctx.t('siskia.consent.agree_midwife'), value: 'agree_midwife' },
          { label: ctx.t('siskia.consent.decline'), value: 'decline' },
        ],
      },
    ],
    next: { step: 'consent', data: {} },
  });

  const askStage = (ctx: TurnContext, lead?: string): FlowStep => ({
    replies: [
      {
        text: [lead, ctx.t('siskia.ask.stage')].filter(Boolean).join('\n'),
        choices: [
          { label: ctx.t('siskia.stage.pregnant'), value: 'pregnant' },
          { label: ctx.t('siskia.stage.born'), value: 'born' },
        ],
      },
    ],
    next: { step: 'stage', data: {} },
  });

  const ask = (ctx: TurnContext, step: string, key: string, data: Record<string, unknown> = {}, extra: Partial<FlowStep['replies'][number]> = {}): FlowStep => ({
    replies: [{ text: ctx.t(key), ...extra }],
    next: { step, data },
  });

  const save = async (ctx: TurnContext, record: HealthRecord): Promise<{ ok: true; profile: SiskiaProfile } | { ok: false; reason: string }> => {
    const p = await service.repo.get(ctx.user.userId);
    if (!p) return { ok: false, reason: 'not_registered' };
    const complete = record.hpht || record.hpl || record.children.length;
    if (complete) {
      const checked = service.check(record, ctx.now);
      if (!checked.ok) return { ok: false, reason: checked.reason };
    }
    const profile = { ...p, record, updatedAt: ctx.now };
    await service.repo.save(profile);
    return { ok: true, profile };
  };

  const finish = async (ctx: TurnContext, profile: SiskiaProfile): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const today = wibToday(ctx.now);
    const plan = carePlan(profile.record, today);
    const lines = [t('siskia.registered')];
    const pregnancy = plan.schedule.pregnancy;
    if (pregnancy && !pregnancy.birth) {
      const age = gestationalAge(pregnancy.hpht, today);
      lines.push(t('siskia.pregnancy_summary', { weeks: age.weeks, days: age.days, hpl: formatDate(pregnancy.hpl, locale) }));
    }
    const next = upcoming(plan, today, 3);
    if (next.length) lines.push(t('siskia.next_visits'), ...visitLines(next, profile, t, locale));
    lines.push(t('siskia.how_to'));
    return { replies: [{ text: lines.join('\n') }], next: null };
  };

  return {
    name: 'siskia.register',
    intents: ['siskia.register', 'siskia.birth', 'siskia.schedule'],
    expiredKey: 'siskia.expired',

    async start(ctx) {
      const p = await service.repo.get(ctx.user.userId);
      if (p?.status === 'active' && p.record.children.length + (p.record.hpht ? 1 : 0) + (p.record.hpl ? 1 : 0) > 0) {
        if (ctx.understanding().intent === 'siskia.birth') return deps.birth(ctx);
        return deps.schedule(ctx, p);
      }
      if (p?.status === 'loss') return { replies: [{ text: ctx.t('siskia.after_loss') }], next: null };
      return askConsent(ctx);
    },

    async resume(ctx, step, data) {
      const { t, text, choice } = ctx;
      const said = (choice ?? text).trim();
      switch (step) {
        case 'consent': {
          if (said === 'decline' || /^(tidak|tidak setuju|gak|nggak|no)$/i.test(said)) return { replies: [{ text: t('siskia.consent.declined') }], next: null };
          if (said !== 'agree' && said !== 'agree_midwife' && !AGREE.test(said)) return { ...askConsent(ctx), replies: [{ text: t('siskia.consent.need_agree') }, ...askConsent(ctx).replies] };
          const existing = await service.repo.get(ctx.user.userId);
          const profile: SiskiaProfile = {
            userId: ctx.user.userId,
            contact: contactOf(ctx),
            status: 'active',
            consentVersion: CONSENT_VERSION,
            consentAt: ctx.now,
            registeredBy: said === 'agree_midwife' ? 'midwife' : 'self',
            record: existing?.status === 'stopped' ? existing.record : { children: [], done: [], moved: [] },
            createdAt: existing?.createdAt ?? ctx.now,
            updatedAt: ctx.now,
          };
          await service.repo.save(profile);
          return askStage(ctx, t('siskia.consent.thanks'));
        }
        case 'stage':
          if (said === 'pregnant' || /^hamil/i.test(said)) return ask(ctx, 'dates', 'siskia.ask.hpht');
          if (said === 'born' || /lahir/i.test(said)) return ask(ctx, 'birth', 'siskia.ask.birth');
          return askStage(ctx, t('siskia.pick_one'));
        case 'dates': {
          const isHpl = /\bhpl\b|perkiraan lahir|taksiran/i.test(text);
          const date = parseDateId(text.replace(/\b(hpl|hpht)\b[:\s]*/gi, '').trim());
          if (!date) return ask(ctx, 'dates', 'siskia.date.unclear');
          const p = (await service.repo.get(ctx.user.userId))!;
          const record: HealthRecord = isHpl ? { ...p.record, hpl: date, hplSource: 'midwife', hpht: undefined } : { ...p.record, hpht: date, hpl: undefined, hplSource: 'hpht' };
          const saved = await save(ctx, record);
          if (!saved.ok) return ask(ctx, 'dates', `siskia.date.${saved.reason === 'future' || saved.reason === 'too_old' ? saved.reason : 'unclear'}`);
          return ask(ctx, 'age', 'siskia.ask.age');
        }
        case 'birth': {
          const date = parseDateId(text) ?? ctx.understanding().entities.dates[0]?.date;
          if (!date) return ask(ctx, 'birth', 'siskia.date.unclear');
          if (date > wibToday(ctx.now)) return ask(ctx, 'birth', 'siskia.date.birth_future');
          return ask(ctx, 'count', 'siskia.ask.count', { born: date }, {
            choices: [
              { label: t('siskia.count.one'), value: '1' },
              { label: t('siskia.count.twins'), value: '2' },
              { label: t('siskia.count.triplets'), value: '3' },
            ],
          });
        }
        case 'count': {
          const n = /^[1-3]$/.test(said) ? Number(said) : /kembar\s*3|tiga/i.test(said) ? 3 : /kembar|dua/i.test(said) ? 2 : /satu|tunggal/i.test(said) ? 1 : 0;
          if (!n) return ask(ctx, 'count', 'siskia.pick_one', data);
          const p = (await service.repo.get(ctx.user.userId))!;
          const born = String(data.born);
          const children = Array.from({ length: n }, (_, i) => ({ childId: `c${p.record.children.length + i + 1}`, born }));
          const saved = await save(ctx, { ...p.record, children: [...p.record.children, ...children] });
          if (!saved.ok) return ask(ctx, 'birth', 'siskia.date.birth_conflict');
          return ask(ctx, 'age', 'siskia.ask.age');
        }
        case 'age': {
          const age = Number(/\d{1,2}/.exec(text)?.[0]);
          if (!age || age < 9 || age > 60) return ask(ctx, 'age', 'siskia.age.unclear');
          if (age < MIN_MOTHER_AGE) {
            // A minor needs a guardian or an in-person midwife: nothing of hers is kept.
            await service.erase(ctx.user.userId);
            return { replies: [{ text: t('siskia.age.minor') }], next: null };
          }
          const p = (await service.repo.get(ctx.user.userId))!;
          await save(ctx, { ...p.record, motherAge: age });
          return ask(ctx, 'puskesmas', 'siskia.ask.puskesmas', {}, { choices: [{ label: t('siskia.skip'), value: 'skip' }] });
        }
        case 'puskesmas': {
          const p = (await service.repo.get(ctx.user.userId))!;
          const place = said === 'skip' || SKIP.test(said) ? undefined : text.slice(0, 100);
          // "Posyandu Melati" is a posyandu; anything else is taken as the puskesmas.
          const field = place && /posyandu/i.test(place) ? 'posyandu' : 'puskesmas';
          const profile = { ...p, ...(place ? { [field]: place } : {}), updatedAt: ctx.now };
          await service.repo.save(profile);
          return finish(ctx, profile);
        }
      }
      return this.start(ctx);
    },
  };
}
