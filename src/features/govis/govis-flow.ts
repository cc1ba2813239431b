/**
 * GOVIS by chat: "wisata keluarga apa aja?", "kuliner enak deket alun-alun", "hotel murah deket stasiun". Answers
 * with a few short cards (name, distance, area, hours, price, map link), "lagi" for more and buttons to refine;
 * follow-ups ("yang murah aja", a shared location) refine the same search. Famous sights that are in the Kabupaten
 * (Bromo, Madakaripura…) are answered with where they really are.
 */
import { readFileSync } from 'node:fs';
import type { Flow, FlowStep, TurnContext } from '../../core/flow.js';
import type { Choice } from '../../core/messages.js';
import { dataPath } from '../../core/data-path.js';
import type { CityMap } from '../../geo/city-map.js';
import type { PlaceCatalog } from './catalog.js';
import type { Place } from './place.js';
import { readQuery, type GovisQuery } from './govis-query.js';
import { describeHours } from './opening-hours.js';
import { findOutsideSight } from './outside-city.js';
import { recommend, type NearPoint, type ScoredPlace } from './recommender.js';

interface Landmark {
  name: string;
  aliases: string[];
  lat: number;
  lon: number;
}

const MORE = /^(lagi|lainnya|yang lain|yg lain|lain|next|more|selanjutnya|lanjut)\s*[.!?]*$/i;

/** Builds the GOVIS flow. */
export function govisFlow(deps: { catalog: PlaceCatalog; map: CityMap; landmarksFile?: string }): Flow {
  const { catalog, map } = deps;
  const landmarks = (JSON.parse(readFileSync(deps.landmarksFile ?? dataPath('places', 'landmarks.json'), 'utf8')) as { landmarks: Landmark[] }).landmarks;

  const resolveNear = async (ctx: TurnContext, q: GovisQuery): Promise<NearPoint | undefined> => {
    if (q.nearPoint) return { ...q.nearPoint, label: ctx.t('govis.your_location'), precise: true };
    if (q.nearKelurahanCode) {
      const k = map.kelurahan(q.nearKelurahanCode);
      if (k) return { lat: k.label.lat, lon: k.label.lon, label: `Kel. ${k.kelurahan}`, precise: false };
    }
    if (q.nearName) {
      const said = q.nearName.toLowerCase();
      const lm = landmarks.find((l) => l.name.toLowerCase() === said || l.aliases.includes(said));
      if (lm) return { lat: lm.lat, lon: lm.lon, label: lm.name, precise: false };
      // A place residents know by name ("deket Museum dr. Saleh"): its own coordinates.
      const [match] = recommend({ text: said, limit: 1 }, await catalog.current()).items;
      if (match) return { lat: match.place.lat, lon: match.place.lon, label: match.place.name, precise: false };
    }
    return undefined;
  };

  const card = (ctx: TurnContext, item: ScoredPlace, n: number): string => {
    const { t, locale } = ctx;
    const p = item.place;
    const head = [`${n}. ${p.name}`];
    if (item.distanceM !== undefined && (p.coordPrecision === 'published' || p.coordPrecision === 'kelurahan')) {
      head.push(`${item.approximate ? '±' : ''}${formatDistance(item.distanceM, locale)}`);
    }
    const facts = [p.kelurahan ? `Kel. ${p.kelurahan}` : undefined, t('govis.card.hours', { hours: describeHours(catalog.hoursOf(p), locale) })];
    if (item.openNow === true) facts.push(t('govis.card.open_now'));
    facts.push(t('govis.card.price', { price: priceLabel(ctx, p) }));
    // Only the kelurahan's point or better is worth a pin; a kecamatan's or the city's centre would mislead.
    const pinned = p.coordPrecision === 'published' || p.coordPrecision === 'kelurahan';
    const mapLine = pinned
      ? `${t('govis.card.map')}: https://www.google.com/maps?q=${p.lat},${p.lon}${item.approximate ? ` (${t('govis.card.approximate')})` : ''}`
      : t('govis.card.no_pin', { address: p.address ?? p.kecamatan ?? 'Kota Probolinggo' });
    return [head.join(' — '), `   ${facts.filter(Boolean).join(' · ')}`, `   ${mapLine}`].join('\n');
  };

  const answer = async (ctx: TurnContext, q: GovisQuery, offset: number): Promise<FlowStep> => {
    const { t } = ctx;
    const index = await catalog.current();
    const near = await resolveNear(ctx, q);
    const result = recommend(
      { category: q.category, tags: q.tags, cheap: q.cheap, openNow: q.openNow, text: q.text, near, offset, limit: 3 },
      index,
      { now: ctx.now, isOpen: catalog.isOpen, cityMap: map },
    );
    const data = { query: q, offset } as unknown as Record<string, unknown>;
    const choices: Choice[] = [];
    if (result.nextOffset !== undefined) choices.push({ label: t('govis.more'), value: 'govis:more' });
    if (!q.cheap) choices.push({ label: t('govis.refine.cheap'), value: 'govis:cheap' });
    if (!q.openNow) choices.push({ label: t('govis.refine.open'), value: 'govis:open' });
    if (!result.items.length) {
      const lead = [offset > 0 ? t('govis.no_more') : t('govis.none'), !near && q.nearName ? t('govis.unknown_place', { name: q.nearName }) : undefined].filter(Boolean).join('\n');
      return { replies: [{ text: lead, choices: categoryChoices(ctx), requestLocation: !near }], next: { step: 'results', data } };
    }
    const what = q.category ? t(`govis.category.${q.category}`) : t('govis.category.any');
    const lines = [offset > 0 ? t('govis.more_intro') : near ? t('govis.intro_near', { what, near: near.label }) : t('govis.intro', { what })];
    if (result.outsideCity) lines.push(t('govis.outside_city'));
    if (!near && (q.nearName || q.nearKelurahanCode)) lines.push(t('govis.unknown_place', { name: q.nearName ?? '' }));
    if (q.openNow && result.items.some((i) => i.openNow === 'unknown')) lines.push(t('govis.unknown_hours'));
    result.items.forEach((item, i) => lines.push(card(ctx, item, offset + i + 1)));
    if (!near) lines.push(t('govis.share_location'));
    return { replies: [{ text: lines.join('\n'), choices, requestLocation: !near }], next: { step: 'results', data: { query: q, offset: result.nextOffset ?? offset + result.items.length } as unknown as Record<string, unknown> } };
  };

  const outside = (ctx: TurnContext): FlowStep | undefined => {
    const sight = findOutsideSight(ctx.text);
    if (!sight) return undefined;
    return {
      replies: [
        {
          text: ctx.t('govis.outside_sight', { name: sight.name, area: sight.area, kecamatan: sight.kecamatan, km: sight.distanceFromCentreKm.toLocaleString(ctx.locale === 'en' ? 'en' : 'id-ID'), note: sight.note }),
          choices: categoryChoices(ctx),
        },
      ],
      next: { step: 'results', data: { query: { tags: [] }, offset: 0 } },
    };
  };

  return {
    name: 'govis.recommend',
    intents: ['govis.recommend'],
    claims(ctx, inOtherFlow) {
      // "bromo jauh gak?" is read as anything by the NLU; the sight's name is enough to answer.
      return !inOtherFlow && !ctx.choice && Boolean(ctx.text) && findOutsideSight(ctx.text) !== undefined;
    },
    async start(ctx) {
      const away = outside(ctx);
      if (away) return away;
      const { query } = readQuery(ctx);
      const empty = !query.category && !query.tags.length && !query.text && !query.cheap && !query.openNow && !query.nearName && !query.nearPoint;
      if (empty) {
        // "3" from the menu, "rekomendasi dong": ask what kind of place before listing everything.
        return { replies: [{ text: ctx.t('govis.ask'), choices: categoryChoices(ctx), requestLocation: true }], next: { step: 'results', data: { query, offset: 0 } } };
      }
      return answer(ctx, query, 0);
    },
    async resume(ctx, _step, data) {
      const previous = (data.query as GovisQuery | undefined) ?? { tags: [] };
      const offset = Number(data.offset) || 0;
      const choice = ctx.choice ?? '';
      if (choice === 'govis:more' || MORE.test(ctx.text)) return answer(ctx, previous, offset);
      if (choice === 'govis:cheap') return answer(ctx, { ...previous, cheap: true }, 0);
      if (choice === 'govis:open') return answer(ctx, { ...previous, openNow: true }, 0);
      if (choice.startsWith('govis:category:')) return answer(ctx, { tags: [], category: choice.slice(15) as GovisQuery['category'] }, 0);
      const away = ctx.text ? outside(ctx) : undefined;
      if (away) return away;
      const { query, changed } = readQuery(ctx, previous);
      if (!changed) return { replies: [], next: null, handOff: true };
      return answer(ctx, query, 0);
    },
  };
}

/** The price in a word when the level is known; else the start of the source's wording (without its citations). */
function priceLabel(ctx: TurnContext, p: Place): string {
  if (p.priceLevel !== undefined && p.priceLevel !== null) return ctx.t(`govis.price.level_${p.priceLevel}`);
  const text = p.priceText?.split(/[(;–]/)[0]?.trim();
  if (!text) return ctx.t('govis.price.unknown');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function categoryChoices(ctx: TurnContext): Choice[] {
  return (['wisata', 'kuliner', 'penginapan', 'oleh_oleh'] as const).map((c) => ({ label: ctx.t(`govis.category.${c}`), value: `govis:category:${c}` }));
}

function formatDistance(m: number, locale: string): string {
  if (m < 1000) return `${Math.round(m / 10) * 10} m`;
  return `${(m / 1000).toLocaleString(locale === 'en' ? 'en' : 'id-ID', { maximumFractionDigits: 1 })} km`;
}
