/**
 * Tags as the recommender compares them: one spelling for a resident's tag and a place's, the words a place is
 * known by beyond its tags (subcategory, category), the few tags that count half for one another, and the tags
 * that mean "cheap".
 */
import { foldText, wordsOf } from './recommend-text.js';

/** A tag in one spelling: folded, words joined by "_" ("Kuliner Malam" → "kuliner_malam"). */
export function normalizeTag(tag: string): string {
  let normal = normalized.get(tag);
  if (normal === undefined) {
    normal = wordsOf(tag).join('_');
    if (normalized.size >= NORMALIZED_MAX) normalized.clear();
    normalized.set(tag, normal);
  }
  return normal;
}

/** Recent `normalizeTag` answers: a list of places repeats the same few tags many times. */
const normalized = new Map<string, string>();
const NORMALIZED_MAX = 10_000;

/** Tags that, asked for, mean the resident wants it cheap: handled by the price rule, not matched as tags. */
export const CHEAP_TAGS: ReadonlySet<string> = new Set(['murah', 'gratis', 'hemat', 'terjangkau']);

/** Place tags that show a place is cheap even without a price level. */
const CHEAP_PLACE_TAGS: ReadonlySet<string> = new Set(['murah', 'gratis']);

/**
 * Tags that stand in for an asked tag at half credit: a heritage building answers "sejarah", a place for
 * children answers "keluarga". Kept short on purpose; the data's own tags should carry the rest.
 */
const RELATED_TAGS: Readonly<Record<string, readonly string[]>> = {
  sejarah: ['heritage', 'cagar_budaya', 'museum'],
  heritage: ['sejarah', 'cagar_budaya'],
  keluarga: ['anak'],
  anak: ['keluarga', 'edukasi', 'satwa'],
  alam: ['pantai', 'mangrove', 'mata_air'],
  religi: ['ziarah', 'masjid', 'gereja', 'klenteng'],
  edukasi: ['museum'],
  oleh_oleh: ['batik'],
};

/** Credit of an asked tag the place has, and of one it has only a related tag for. */
export const TAG_CREDIT = { exact: 1, related: 0.5 } as const;

/** The place fields the tag rules read. */
interface TaggedPlace {
  category: string;
  subcategory?: string | null;
  tags: readonly string[];
}

/**
 * Everything a place can be asked for by tag: its tags, the words of compound tags ("kuliner_malam" also gives
 * "kuliner" and "malam"), the words of its subcategory ("alam/pantai" gives "alam", "pantai") and its category.
 */
export function placeFacets(place: TaggedPlace): string[] {
  const facets = new Set<string>();
  for (const raw of place.tags) {
    const tag = normalizeTag(raw);
    if (!tag) continue;
    facets.add(tag);
    for (const w of tag.split('_')) facets.add(w);
  }
  if (place.subcategory) {
    for (const part of foldText(place.subcategory).split('/')) {
      const tag = normalizeTag(part);
      if (tag) facets.add(tag);
    }
    for (const w of wordsOf(place.subcategory)) facets.add(w);
  }
  facets.add(place.category);
  for (const w of place.category.split('_')) facets.add(w);
  return [...facets];
}

/** The tags that stand in for `tag` at half credit (none for most tags). */
export function relatedTags(tag: string): readonly string[] {
  return RELATED_TAGS[tag] ?? [];
}

/**
 * Whether a place is cheap: `true` for price level 0–1 (or, without a level, a "murah"/"gratis" tag), `false`
 * for level 2 and up, `'unknown'` when neither says.
 */
export function cheapness(place: { priceLevel?: number | null; tags: readonly string[] }): boolean | 'unknown' {
  if (place.priceLevel !== undefined && place.priceLevel !== null) return place.priceLevel <= 1;
  return place.tags.some((t) => CHEAP_PLACE_TAGS.has(normalizeTag(t))) ? true : 'unknown';
}
