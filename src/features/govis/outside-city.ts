/**
 * Famous "Probolinggo" sights and dishes that are in the Kabupaten, not the Kota (Bromo, Madakaripura, Gili
 * Ketapang, …): recognised in a resident's words so the reply can say where they really are and how far from
 * the city centre, instead of listing them as in-city places. Data: `data/places/outside-kota.json`.
 */
import { readFileSync } from 'node:fs';
import { distance } from 'geokdbush';
import { z } from 'zod';
import { dataPath } from '../../core/data-path.js';
import { indexOfPhrase, wordsOf } from './recommend-text.js';

const latLon = { lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) };

const sightSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['wisata', 'kuliner']),
  aliases: z.array(z.string().min(1)).min(1),
  kabupaten: z.string().min(1),
  kecamatan: z.string().min(1),
  area: z.string().min(1),
  ...latLon,
  coordPrecision: z.literal('approximate'),
  note: z.string(),
});

const fileSchema = z.object({
  about: z.string(),
  cityCentre: z.object({ label: z.string().min(1), ...latLon }),
  sights: z.array(sightSchema).min(1),
});

/** A sight outside the Kota, as stored, plus its straight-line distance from the city centre. */
export type OutsideSight = z.infer<typeof sightSchema> & {
  /** Great-circle kilometres from the city centre (alun-alun), to one decimal: a round figure for a reply. */
  distanceFromCentreKm: number;
};

/** The city centre the distances are measured from, and the sights. */
export interface OutsideSights {
  cityCentre: { label: string; lat: number; lon: number };
  sights: OutsideSight[];
}

/** The shipped list. */
export const OUTSIDE_KOTA_FILE = dataPath('places', 'outside-kota.json');

/** Reads and checks an outside-sights file (default: the shipped one). Throws when it is malformed. */
export function loadOutsideSights(file: string = OUTSIDE_KOTA_FILE): OutsideSights {
  const data = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const { cityCentre } = data;
  return {
    cityCentre,
    sights: data.sights.map((s) => ({
      ...s,
      distanceFromCentreKm: Math.round(distance(cityCentre.lon, cityCentre.lat, s.lon, s.lat) * 10) / 10,
    })),
  };
}

let shipped: OutsideSights | undefined;

/** The shipped list, read once. */
export function outsideSights(): OutsideSights {
  shipped ??= loadOutsideSights();
  return shipped;
}

/**
 * The outside-the-city sight named in `text`, ignoring case, accents and punctuation ("Gunung Bromo",
 * "air terjun madakaripura", "ke gili-ketapang"; "giliketapang" for an alias of two or more words too). When
 * several are named, the one named first. Undefined when none is.
 */
export function findOutsideSight(text: string, list: OutsideSights = outsideSights()): OutsideSight | undefined {
  const words = wordsOf(text);
  const compact = words.join('');
  let best: { sight: OutsideSight; at: number; length: number } | undefined;
  for (const sight of list.sights) {
    for (const alias of sight.aliases) {
      const phrase = wordsOf(alias);
      let at = indexOfPhrase(words, phrase);
      // A several-word alias written run together ("giliketapang", "sotokoya").
      const joined = phrase.join('');
      if (at < 0 && phrase.length > 1 && compact.includes(joined)) at = firstWordAt(words, compact.indexOf(joined));
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && phrase.length > best.length)) best = { sight, at, length: phrase.length };
    }
  }
  return best?.sight;
}

/** The index of the word holding character `charAt` of the words joined without spaces. */
function firstWordAt(words: readonly string[], charAt: number): number {
  let end = 0;
  for (let i = 0; i < words.length; i++) {
    end += words[i]!.length;
    if (charAt < end) return i;
  }
  return words.length - 1;
}
