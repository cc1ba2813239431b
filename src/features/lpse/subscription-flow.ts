/**
 * Subscribing by chat: "langganan tender konstruksi jalan minimal 500 juta", "kabari kalau ada pengadaan komputer".
 * Pintu saves what it understood, says it back, shows the open tenders that already match, and tells how to stop.
 * "minimal 500" is asked back ("500 juta?"); a message with nothing to filter on gets a question with examples.
 * "langganan saya" lists subscriptions and followed tenders; "berhenti langganan 2" (or "semua") removes them; the
 * buttons under every alert ("berhenti langganan ini", "rangkuman harian saja") work at any time.
 */
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Choice } from '../../core/messages.js';
import { contactOf } from '../../core/contact.js';
import type { StoredTender, Subscription, SubscriptionCriteria } from './model.js';
import { JENIS_CODES } from './model.js';
import type { LpseRepository } from './repository.js';
import { describeCriteria, sameCriteria } from './criteria-text.js';
import { parseSubscription, withAmount } from './subscription-parse.js';
import { matchesCriteria } from './tender-facets.js';
import { tenderCard } from './tender-text.js';
import { parseMoney } from './source/index.js';

/** Limits and wording the flow needs from configuration. */
export interface SubscriptionFlowSettings {
  /** Subscriptions one vendor may have. */
  maxSubscriptions: number;
  /** New-tender alerts a day before the rest wait for the digest (said in "langganan saya"). */
  dailyCap: number;
  /** Hour (WIB) of the digest. */
  digestHour: number;
}

const MINE = /^(?:(?:(?:daftar|lihat|cek)\s+)?(?:langganan|subscription)(?:\s+(?:tender|lelang|lpse))?\s+(?:saya|ku|aku|sy)|my\s+(?:tender\s+)?subscriptions?)[\s?.!]*$/i;
const STOP_NUMBER = /^(?:berhenti|stop|hapus|batal|cabut|unsub(?:scribe)?)\s+(?:langganan|berlangganan|subscription)?\s*(?:nomor|no\.?|#)?\s*(\d{1,2}|semua|all)[\s.!]*$/i;
const ALL = /^(?:semua(?:nya)?|all|semuanya)[\s.!]*$/i;
const YES = /^(?:ya|iya|y|yes|betul|benar|bener|oke?|ok)\b/i;
const OPEN_SCAN = 2000;

function end(text: string, choices?: Choice[]): FlowStep {
  return { replies: [{ text, ...(choices?.length && { choices }) }], next: null };
}

/** Builds the subscription flow (intents `lpse.subscribe`, `lpse.unsubscribe`). */
export function subscriptionFlow(deps: { repo: LpseRepository; settings: SubscriptionFlowSettings }): Flow {
  const { repo, settings } = deps;
  const hour = String(settings.digestHour).padStart(2, '0');

  const digestChoice = (ctx: TurnContext, digest: boolean): Choice =>
    digest ? { label: ctx.t('lpse.button.digest_off'), value: 'lpse:digest:off' } : { label: ctx.t('lpse.button.digest_on', { hour }), value: 'lpse:digest:on' };

  const openMatches = async (criteria: SubscriptionCriteria): Promise<StoredTender[]> =>
    (await repo.openTenders(0, OPEN_SCAN)).filter((s) => matchesCriteria(criteria, s.tender));

  const save = async (ctx: TurnContext, criteria: SubscriptionCriteria): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const existing = await repo.subscriptions(ctx.user.userId);
    const same = existing.findIndex((s) => sameCriteria(s.criteria, criteria));
    if (same >= 0) return end(t('lpse.subscribe.duplicate', { n: same + 1, summary: describeCriteria(criteria, t, locale) }));
    if (existing.length >= settings.maxSubscriptions) return end(t('lpse.subscribe.too_many', { max: settings.maxSubscriptions }));
    await repo.saveVendor(contactOf(ctx), ctx.now);
    await repo.addSubscription(ctx.user.userId, criteria, ctx.now);
    const vendor = await repo.vendor(ctx.user.userId);
    const matches = await openMatches(criteria);
    const lines = [t('lpse.subscribe.saved', { summary: describeCriteria(criteria, t, locale) })];
    if (matches.length) {
      lines.push(t('lpse.subscribe.open_now', { count: matches.length }));
      matches.slice(0, 3).forEach((s, i) => lines.push(tenderCard(s.tender, t, locale, i + 1)));
      if (matches.length > 3) lines.push(t('lpse.subscribe.open_more', { count: matches.length - 3 }));
    } else {
      lines.push(t('lpse.subscribe.open_none'));
    }
    lines.push(t('lpse.subscribe.how_to_stop', { n: existing.length + 1 }));
    const choices = matches.slice(0, 3).map((s, i) => ({ label: t('lpse.button.follow_n', { n: i + 1 }), value: `lpse:follow:${s.tender.kode}` }));
    return end(lines.join('\n\n'), [...choices, digestChoice(ctx, vendor?.digest ?? false)]);
  };

  const askCriteria = (ctx: TurnContext, again: boolean): FlowStep => ({
    replies: [{ text: ctx.t(again ? 'lpse.subscribe.too_general' : 'lpse.subscribe.ask'), choices: JENIS_CODES.map((j) => ({ label: ctx.t(`lpse.jenis.${j}`), value: `lpse:jenis:${j}` })) }],
    next: { step: 'criteria', data: { asked: again ? 2 : 1 } },
  });

  const subscribe = async (ctx: TurnContext, text: string, asked = 0): Promise<FlowStep> => {
    const parsed = parseSubscription(text);
    if (parsed.unclearAmount) {
      const { bound, value } = parsed.unclearAmount;
      const said = value.toLocaleString(ctx.locale === 'en' ? 'en' : 'id-ID');
      return {
        replies: [
          {
            text: ctx.t(`lpse.subscribe.amount_unclear_${bound}`, { value: said }),
            choices: [
              { label: ctx.t('lpse.button.amount_juta', { value: said }), value: 'lpse:amount:1000000' },
              { label: ctx.t('lpse.button.amount_miliar', { value: said }), value: 'lpse:amount:1000000000' },
            ],
          },
        ],
        next: { step: 'amount', data: { criteria: parsed.criteria, bound, value } as unknown as Record<string, unknown> },
      };
    }
    if (parsed.empty) {
      if (asked >= 2) return end(ctx.t('lpse.subscribe.give_up'));
      return askCriteria(ctx, asked >= 1);
    }
    return save(ctx, parsed.criteria);
  };

  const listMine = async (ctx: TurnContext): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const [subs, followed, vendor] = await Promise.all([repo.subscriptions(ctx.user.userId), repo.followed(ctx.user.userId), repo.vendor(ctx.user.userId)]);
    if (!subs.length && !followed.length) return end(t('lpse.mine.none'));
    const lines: string[] = [];
    if (subs.length) {
      lines.push(t('lpse.mine.title'));
      subs.forEach((s, i) => lines.push(`${i + 1}. ${describeCriteria(s.criteria, t, locale)}`));
      lines.push(vendor?.digest ? t('lpse.mine.digest_on', { hour }) : t('lpse.mine.digest_off', { cap: settings.dailyCap, hour }));
      lines.push(t('lpse.mine.stop_hint'));
    } else {
      lines.push(t('lpse.mine.no_subscriptions'));
    }
    if (followed.length) {
      lines.push(t('lpse.mine.followed'));
      followed.forEach((s, i) => lines.push(`${i + 1}. ${s.tender.name} (${s.tender.kode})${s.open ? '' : ` — ${s.tender.tahap || t('lpse.mine.closed')}`}`));
    }
    return end(lines.join('\n'), subs.length ? [digestChoice(ctx, vendor?.digest ?? false)] : []);
  };

  const remove = async (ctx: TurnContext, subs: Subscription[], which: number | 'all'): Promise<FlowStep> => {
    const { t, locale } = ctx;
    if (which === 'all') {
      const erased = await repo.eraseVendor(ctx.user.userId);
      return end(t('lpse.unsubscribe.all_done', { count: erased.subscriptions, follows: erased.follows }));
    }
    const sub = subs[which - 1];
    if (!sub) return { replies: [{ text: t('lpse.unsubscribe.not_found', { n: which, count: subs.length }), choices: whichChoices(ctx, subs) }], next: { step: 'which', data: {} } };
    await repo.removeSubscription(ctx.user.userId, sub.id);
    return end(t('lpse.unsubscribe.done', { n: which, summary: describeCriteria(sub.criteria, t, locale) }));
  };

  const whichChoices = (ctx: TurnContext, subs: Subscription[]): Choice[] => [
    ...subs.slice(0, 9).map((_s, i) => ({ label: String(i + 1), value: `lpse:stop:${i + 1}` })),
    { label: ctx.t('lpse.unsubscribe.all'), value: 'lpse:stop:all' },
  ];

  const unsubscribe = async (ctx: TurnContext): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const subs = await repo.subscriptions(ctx.user.userId);
    if (!subs.length) return end(t('lpse.unsubscribe.none'));
    const numbered = STOP_NUMBER.exec(ctx.text);
    if (numbered) return remove(ctx, subs, ALL.test(numbered[1]!) ? 'all' : Number(numbered[1]));
    const asked = parseSubscription(ctx.text);
    if (!asked.empty) {
      const same = subs.findIndex((s) => sameCriteria(s.criteria, asked.criteria));
      if (same >= 0) return remove(ctx, subs, same + 1);
    }
    if (subs.length === 1) return remove(ctx, subs, 1);
    const lines = [t('lpse.unsubscribe.which'), ...subs.map((s, i) => `${i + 1}. ${describeCriteria(s.criteria, t, locale)}`)];
    return { replies: [{ text: lines.join('\n'), choices: whichChoices(ctx, subs) }], next: { step: 'which', data: {} } };
  };

  const button = async (ctx: TurnContext, choice: string): Promise<FlowStep | undefined> => {
    const { t, locale } = ctx;
    if (choice.startsWith('lpse:unsub:')) {
      const id = choice.slice('lpse:unsub:'.length);
      const subs = await repo.subscriptions(ctx.user.userId);
      const n = subs.findIndex((s) => s.id === id);
      if (n < 0) return end(t('lpse.unsubscribe.already_gone'));
      await repo.removeSubscription(ctx.user.userId, id);
      return end(t('lpse.unsubscribe.done', { n: n + 1, summary: describeCriteria(subs[n]!.criteria, t, locale) }));
    }
    if (choice === 'lpse:digest:on' || choice === 'lpse:digest:off') {
      const on = choice.endsWith(':on');
      if (!(await repo.vendor(ctx.user.userId))) return end(t('lpse.mine.none'));
      await repo.setDigest(ctx.user.userId, on, ctx.now);
      return end(on ? t('lpse.digest.on', { hour }) : t('lpse.digest.off', { cap: settings.dailyCap }), [digestChoice(ctx, on)]);
    }
    return undefined;
  };

  return {
    name: 'lpse.subscribe',
    intents: ['lpse.subscribe', 'lpse.unsubscribe'],
    claims(ctx, inOtherFlow) {
      const choice = ctx.choice ?? '';
      if (choice.startsWith('lpse:unsub:') || choice.startsWith('lpse:digest:')) return true;
      if (inOtherFlow || choice || !ctx.text) return false;
      return MINE.test(ctx.text) || STOP_NUMBER.test(ctx.text);
    },
    async start(ctx) {
      const pressed = ctx.choice ? await button(ctx, ctx.choice) : undefined;
      if (pressed) return pressed;
      if (MINE.test(ctx.text)) return listMine(ctx);
      if (STOP_NUMBER.test(ctx.text) || ctx.understanding().intent === 'lpse.unsubscribe') return unsubscribe(ctx);
      return subscribe(ctx, ctx.text);
    },
    async resume(ctx, step, data) {
      const choice = ctx.choice ?? '';
      if (step === 'criteria') {
        if (choice.startsWith('lpse:jenis:')) return save(ctx, { keywords: [], exclude: [], jenis: [choice.slice('lpse:jenis:'.length) as (typeof JENIS_CODES)[number]] });
        const parsed = parseSubscription(ctx.text);
        const intent = ctx.understanding().intent;
        // A new request ("mau lapor jalan rusak") rather than an answer: let it through.
        if (parsed.empty && intent !== 'lpse.subscribe' && intent !== 'unknown') return { replies: [], next: null, handOff: true };
        return subscribe(ctx, ctx.text, Number(data.asked) || 1);
      }
      if (step === 'amount') {
        const { criteria, bound, value } = data as unknown as { criteria: SubscriptionCriteria; bound: 'min' | 'max'; value: number };
        const unit = choice.startsWith('lpse:amount:') ? Number(choice.slice('lpse:amount:'.length)) : YES.test(ctx.text) ? 1e6 : undefined;
        if (unit) return save(ctx, withAmount(criteria, bound, value * unit));
        const rupiah = readAmount(ctx.text);
        if (rupiah) return save(ctx, withAmount(criteria, bound, rupiah));
        return { replies: [{ text: ctx.t('lpse.subscribe.amount_again') }], next: { step, data } };
      }
      if (step === 'which') {
        const subs = await repo.subscriptions(ctx.user.userId);
        const picked = choice.startsWith('lpse:stop:') ? choice.slice('lpse:stop:'.length) : ctx.text.trim();
        if (ALL.test(picked)) return remove(ctx, subs, 'all');
        if (/^\d{1,2}$/.test(picked)) return remove(ctx, subs, Number(picked));
        return { replies: [], next: null, handOff: true };
      }
      return { replies: [], next: null, handOff: true };
    },
  };
}

/** "500 juta", "1,5 M", "Rp 750.000.000" as rupiah; undefined when the text is not one amount. */
function readAmount(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/\b(?:ya|iya|yang|maksud(?:nya)?|saya|bukan)\b/gi, '')
    .trim();
  // A bare number is the very ambiguity being asked about.
  if (!/[a-z]/i.test(cleaned)) return undefined;
  try {
    const value = parseMoney(cleaned);
    return value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
