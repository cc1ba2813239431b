/**
 * What a GOVIS message asks for, read from the words: category, tags, "murah", "buka sekarang", a few named
 * dishes and goods, and where ("deket alun-alun", a kelurahan). Follow-ups ("yang murah aja") refine the query
 * the resident already has.
 */
import type { TurnContext } from '../../core/flow.js';
import type { PlaceCategory } from './place.js';

/** A GOVIS query as kept between turns. */
export interface GovisQuery {
  category?: PlaceCategory;
  tags: string[];
  cheap?: boolean;
  openNow?: boolean;
  text?: string;
  /** A named place to search around: a landmark or a kelurahan (resolved to a point by the flow). */
  nearName?: string;
  nearKelurahanCode?: string;
  /** A shared pin. */
  nearPoint?: { lat: number; lon: number };
}

const CATEGORY_WORDS: [PlaceCategory, RegExp][] = [
  ['oleh_oleh', /\b(oleh[- ]?oleh|oleh2|souvenir|suvenir|cendera ?mata|buah tangan)\b/],
  ['penginapan', /\b(hotel|penginapan|homestay|home stay|losmen|menginap|nginep|nginap|villa|guest ?house|kos harian|tempat tidur|bermalam)\b/],
  ['kuliner', /\b(kuliner|makan|makanan|maem|mangan|warung|warkop|resto|restoran|rumah makan|depot|kafe|cafe|ngopi|kopi|sarapan|jajan|jajanan|minuman|nongkrong|tempat makan)\b/],
  ['wisata', /\b(wisata|rekreasi|jalan[- ]?jalan|liburan|plesir|dolan|museum|taman|pantai|destinasi|tempat (bagus|menarik|seru)|objek|hiburan|main)\b/],
];

const TAG_WORDS: [string, RegExp][] = [
  ['keluarga', /\b(keluarga|anak|anak-anak|bocah|family)\b/],
  ['sejarah', /\b(sejarah|bersejarah|heritage|kuno|jadul|cagar budaya)\b/],
  ['religi', /\b(religi|religius|masjid|ziarah|ibadah|klenteng|gereja|makam)\b/],
  ['alam', /\b(alam|hijau|pantai|laut|taman|mangrove|kebun)\b/],
  ['halal', /\b(halal)\b/],
  ['edukasi', /\b(edukasi|belajar|edukatif)\b/],
];

/** Dishes and goods people ask for by name; matched against the places' names, aliases and tags. */
const ITEM_WORDS = /\b(sate|bakso|soto|rawon|kupang|seafood|ikan|mangga|anggur|batik|tahu|kopi|es|roti|bebek|ayam|nasi|pecel|lontong)\b/g;

const CHEAP = /\b(murah|murmer|hemat|terjangkau|ekonomis|gratis|free|low budget|budget)\b/;
const OPEN_NOW = /\b(buka sekarang|yang buka|masih buka|lagi buka|buka skrg|buka malam ini|buka hari ini|open now)\b/;

/** The query a message states; `changed` is false when it said nothing GOVIS understands. */
export function readQuery(ctx: TurnContext, base?: GovisQuery): { query: GovisQuery; changed: boolean } {
  const text = ctx.text.toLowerCase();
  const u = ctx.understanding();
  const query: GovisQuery = base ? { ...base, tags: [...base.tags] } : { tags: [] };
  let changed = false;
  const category = CATEGORY_WORDS.find(([, re]) => re.test(text))?.[0];
  if (category && category !== query.category) {
    // Another kind of place is a new search: only where the resident is carries over.
    for (const key of ['cheap', 'openNow', 'text'] as const) delete query[key];
    query.tags = [];
    query.category = category;
    changed = true;
  }
  for (const [tag, re] of TAG_WORDS) {
    if (re.test(text) && !query.tags.includes(tag)) {
      query.tags.push(tag);
      changed = true;
    }
  }
  if (CHEAP.test(text)) {
    query.cheap = true;
    changed = true;
  }
  if (OPEN_NOW.test(text)) {
    query.openNow = true;
    changed = true;
  }
  const items = [...new Set(text.match(ITEM_WORDS) ?? [])];
  if (items.length) {
    query.text = items.join(' ');
    changed = true;
  }
  const landmark = u.entities.landmarks.find((l) => !/^(hotel|warung|masjid|museum|taman|pantai|rumah makan|resto)$/i.test(l));
  const kelurahan = u.entities.kelurahan[0];
  if (landmark) {
    query.nearName = landmark;
    delete query.nearKelurahanCode;
    delete query.nearPoint;
    changed = true;
  } else if (kelurahan) {
    query.nearKelurahanCode = kelurahan.code;
    query.nearName = kelurahan.name;
    delete query.nearPoint;
    changed = true;
  }
  if (ctx.message.location) {
    query.nearPoint = { lat: ctx.message.location.lat, lon: ctx.message.location.lon };
    delete query.nearName;
    delete query.nearKelurahanCode;
    changed = true;
  }
  return { query, changed };
}
