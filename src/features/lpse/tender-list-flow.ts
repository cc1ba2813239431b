/**
 * "tender terbaru", "ada lelang konstruksi yang buka?": the newest open tenders, filtered when the message names
 * what (the same reading as subscriptions), five at a time with "lagi"; "ikuti 2" or the button under an alert
 * follows a tender (deadline reminders and its changes), "berhenti ikuti KODE" stops.
 */
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Choice } from '../../core/messages.js';
import { contactOf } from '../../core/contact.js';
import type { LpseRepository } from './repository.js';
import { describeCriteria } from './criteria-text.js';
import { parseSubscription } from './subscription-parse.js';
import { matchesCriteria } from './tender-facets.js';
import { formatWib, tenderCard } from './tender-text.js';
import type { SubscriptionCriteria } from './model.js';

const PAGE = 5;
const SCAN = 2000;
const FOLLOW = /^(?:ikuti|follow|pantau)\s+(?:tender\s+)?(?:no\.?\s*|nomor\s+|kode\s+)?(\d{1,2}|\d{6,20})[\s.!]*$/i;
const UNFOLLOW = /^(?:berhenti|stop|batal|jangan)\s+(?:ikuti|follow|pantau)\s+(?:tender\s+)?(?:kode\s+)?(\d{6,20})[\s.!]*$/i;
const MORE = /^(?:lagi|lainnya|yang lain|yg lain|next|more|selanjutnya|lanjut)[\s.!?]*$/i;

function end(text: string, choices?: Choice[]): FlowStep {
  return { replies: [{ text, ...(choices?.length && { choices }) }], next: null };
}

/** Builds the tender listing and following flow (intent `lpse.list`). */
export function tenderListFlow(deps: { repo: LpseRepository }): Flow {
  const { repo } = deps;

  const follow = async (ctx: TurnContext, kode: string): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const stored = await repo.tender(kode);
    if (!stored) return end(t('lpse.follow.unknown', { kode }));
    if (!stored.open) return end(t('lpse.follow.closed', { name: stored.tender.name, tahap: stored.tender.tahap || '-' }));
    await repo.saveVendor(contactOf(ctx), ctx.now);
    const added = await repo.follow(ctx.user.userId, kode, ctx.now);
    const unfollow: Choice[] = [{ label: t('lpse.button.unfollow'), value: `lpse:unfollow:${kode}` }];
    if (!added) return end(t('lpse.follow.already', { name: stored.tender.name }), unfollow);
    const deadline = stored.tender.uploadDeadline;
    const when = deadline && deadline.getTime() > ctx.now.getTime() ? t('lpse.follow.deadline', { at: formatWib(deadline, locale) }) : t('lpse.follow.no_deadline');
    return end(`${t('lpse.follow.done', { name: stored.tender.name })}\n${when}`, unfollow);
  };

  const unfollow = async (ctx: TurnContext, kode: string): Promise<FlowStep> => {
    const stored = await repo.tender(kode);
    const removed = await repo.unfollow(ctx.user.userId, kode);
    return end(removed ? ctx.t('lpse.unfollow.done', { name: stored?.tender.name ?? kode }) : ctx.t('lpse.unfollow.not_following'));
  };

  const listing = async (ctx: TurnContext, criteria: SubscriptionCriteria | undefined, offset: number): Promise<FlowStep> => {
    const { t, locale } = ctx;
    const [lastPoll] = (await repo.recentPolls(20)).filter((p) => p.ok);
    if (!lastPoll) return end(t('lpse.list.no_data'));
    const open = (await repo.openTenders(0, SCAN)).filter((s) => !criteria || matchesCriteria(criteria, s.tender));
    const filter = criteria ? t('lpse.list.filter', { summary: describeCriteria(criteria, t, locale) }) : '';
    const page = open.slice(offset, offset + PAGE);
    if (!page.length) return end(offset ? t('lpse.list.no_more') : t('lpse.list.none', { filter }));
    const lines = [offset ? t('lpse.list.more_title') : t('lpse.list.title', { filter, count: open.length })];
    page.forEach((s, i) => lines.push(tenderCard(s.tender, t, locale, offset + i + 1)));
    lines.push(t('lpse.list.updated', { at: formatWib(lastPoll.finishedAt, locale) }));
    lines.push(t('lpse.list.follow_hint'));
    const choices: Choice[] = page.map((s, i) => ({ label: t('lpse.button.follow_n', { n: offset + i + 1 }), value: `lpse:follow:${s.tender.kode}` }));
    const nextOffset = offset + page.length;
    if (nextOffset < open.length) choices.push({ label: t('lpse.list.more'), value: 'lpse:more' });
    return {
      replies: [{ text: lines.join('\n\n'), choices }],
      next: { step: 'listing', data: { criteria: criteria ?? null, offset: nextOffset, kodes: open.slice(0, nextOffset).map((s) => s.tender.kode) } as unknown as Record<string, unknown> },
    };
  };

  const action = async (ctx: TurnContext, kodes: string[] = []): Promise<FlowStep | undefined> => {
    const choice = ctx.choice ?? '';
    if (choice.startsWith('lpse:follow:')) return follow(ctx, choice.slice('lpse:follow:'.length));
    if (choice.startsWith('lpse:unfollow:')) return unfollow(ctx, choice.slice('lpse:unfollow:'.length));
    const followed = FOLLOW.exec(ctx.text);
    if (followed) {
      const said = followed[1]!;
      if (said.length > 2) return follow(ctx, said);
      const kode = kodes[Number(said) - 1];
      return kode ? follow(ctx, kode) : end(ctx.t('lpse.follow.which'));
    }
    const stopped = UNFOLLOW.exec(ctx.text);
    if (stopped) return unfollow(ctx, stopped[1]!);
    return undefined;
  };

  return {
    name: 'lpse.list',
    intents: ['lpse.list'],
    claims(ctx, inOtherFlow) {
      const choice = ctx.choice ?? '';
      if (choice.startsWith('lpse:follow:') || choice.startsWith('lpse:unfollow:')) return true;
      if (inOtherFlow || choice || !ctx.text) return false;
      return UNFOLLOW.test(ctx.text) || (FOLLOW.exec(ctx.text)?.[1]?.length ?? 0) > 2;
    },
    async start(ctx) {
      const done = await action(ctx);
      if (done) return done;
      const parsed = parseSubscription(ctx.text);
      return listing(ctx, parsed.empty ? undefined : parsed.criteria, 0);
    },
    async resume(ctx, step, data) {
      if (step !== 'listing') return { replies: [], next: null, handOff: true };
      const kodes = (data.kodes as string[] | undefined) ?? [];
      const done = await action(ctx, kodes);
      if (done) return done;
      if (ctx.choice === 'lpse:more' || MORE.test(ctx.text)) return listing(ctx, (data.criteria as SubscriptionCriteria | null) ?? undefined, Number(data.offset) || 0);
      return { replies: [], next: null, handOff: true };
    },
  };
}
