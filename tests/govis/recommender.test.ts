/**
 * GOVIS recommendations over rows of the seed list (shared/data/places/kota_probolinggo_poi_seed.csv) with their
 * real coordinates: published ones for the museum and the station, kelurahan label points for the rest. Prices
 * are the seed's price texts as levels (gratis 0, Rp3.000–30.000 tickets 1); any other value is marked as made up
 * for a test. Opening hours come from fake checks. Generated lists (seeded) check that the search around a point,
 * which stops early, gives the same pages as looking at every match. The outside-the-city sights come from
 * data/places/outside-kota.json.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CoordPrecision, Place } from '../../src/features/govis/place.js';
import { PlaceIndex } from '../../src/features/govis/place-index.js';
import { recommend, type OpenNowFn, type RecommendQuery } from '../../src/features/govis/recommender.js';
import { findOutsideSight, outsideSights } from '../../src/features/govis/outside-city.js';
import { loadCityMap } from '../../src/geo/city-map.js';
import { seededRandom } from '../../src/core/seeded-random.js';

const map = loadCityMap();

/** Kelurahan label points (data/geo), as the seed's kelurahan_label_lat/lng. */
const LABEL = {
  tisnonegaran: { lat: -7.753394, lon: 113.213266 },
  mangunharjo: { lat: -7.739576, lon: 113.226946 },
  mayangan: { lat: -7.732914, lon: 113.216789 },
  sukabumi: { lat: -7.745979, lon: 113.206849 },
  pilang: { lat: -7.756899, lon: 113.191344 },
  jrebengLor: { lat: -7.783331, lon: 113.22105 },
  triwungKidul: { lat: -7.775823, lon: 113.171419 },
  kebonsariKulon: { lat: -7.761387, lon: 113.219332 },
} as const;

/** Where a place known only to be "in Kota Probolinggo" is put (the alun-alun); never shown as a distance. */
const CITY_REFERENCE = { lat: -7.7543, lon: 113.2159 };

type Row = Pick<Place, 'id' | 'name' | 'category' | 'tags'> & Partial<Place>;

/** Facts the seed leaves unknown. */
const UNKNOWN = {
  aliases: [],
  subcategory: null,
  address: null,
  kelurahan: null,
  kecamatan: null,
  kelurahanCode: null,
  openingHours: null,
  hoursText: null,
  priceLevel: null,
  priceText: null,
  notes: null,
  sources: 'kota_probolinggo_poi_seed.csv',
} satisfies Partial<Place>;

function place(row: Row, at: { lat: number; lon: number }, coordPrecision: CoordPrecision = 'kelurahan'): Place {
  return { ...UNKNOWN, ...row, lat: at.lat, lon: at.lon, coordPrecision };
}

const MUSEUM_AT = { lat: -7.749833, lon: 113.21575 };
const STATION_AT = { lat: -7.74222, lon: 113.21389 };

const PLACES: Place[] = [
  place({ id: 'w-museum-probolinggo', name: 'Museum Probolinggo', aliases: ['Gedung Societeit Harmonie', 'Gedung Panti Budaya'], category: 'wisata', subcategory: 'museum/sejarah', tags: ['sejarah', 'heritage', 'cagar_budaya', 'edukasi', 'keluarga'], kelurahan: 'Tisnonegaran', priceLevel: 0, priceText: 'gratis' }, MUSEUM_AT, 'published'),
  place({ id: 'w-stasiun', name: 'Stasiun Probolinggo (cagar budaya)', category: 'wisata', subcategory: 'heritage/transport', tags: ['heritage', 'cagar_budaya', 'transport', 'kereta'], kelurahan: 'Mayangan' }, STATION_AT, 'published'),
  place({ id: 'w-gereja-merah', name: 'Gereja Merah (GPIB Immanuel)', aliases: ['Red Church'], category: 'wisata', subcategory: 'religi/heritage', tags: ['sejarah', 'heritage', 'cagar_budaya', 'religi', 'arsitektur'], kelurahan: 'Tisnonegaran' }, LABEL.tisnonegaran),
  place({ id: 'w-masjid-agung', name: 'Masjid Agung Raudlatul Jannah', category: 'wisata', subcategory: 'religi/heritage', tags: ['religi', 'heritage', 'sejarah'], kelurahan: 'Sukabumi' }, LABEL.sukabumi),
  place({ id: 'w-alun-alun', name: 'Alun-alun Kota Probolinggo', category: 'wisata', subcategory: 'taman kota', tags: ['keluarga', 'anak', 'gratis', 'kuliner_malam', 'car_free_day', '24jam'], priceLevel: 0, priceText: 'gratis' }, LABEL.mangunharjo),
  place({ id: 'w-twsl', name: 'TWSL – Taman Wisata Studi Lingkungan', category: 'wisata', subcategory: 'edukasi/satwa', tags: ['edukasi', 'satwa', 'anak', 'keluarga', 'murah'], priceLevel: 1, priceText: 'dewasa Rp5.000, anak Rp3.000' }, LABEL.mangunharjo),
  place({ id: 'w-bjbr', name: 'BJBR – Bee Jay Bakau Resort', category: 'wisata', subcategory: 'alam/bahari (mangrove)', tags: ['mangrove', 'alam', 'keluarga', 'foto', 'resto', 'bungalow', 'pantai'], priceLevel: 1, priceText: 'tiket Rp15.000 weekday / Rp30.000 weekend' }, LABEL.mayangan),
  place({ id: 'w-pantai-permata', name: 'Pantai Permata Pilang', category: 'wisata', subcategory: 'alam/pantai', tags: ['pantai', 'cemara', 'gowes'] }, LABEL.pilang),
  place({ id: 'w-masjid-tiban', name: 'Masjid Tiban Babussalam', category: 'wisata', subcategory: 'religi/heritage', tags: ['religi', 'sejarah', 'ziarah'] }, LABEL.pilang),
  place({ id: 'w-kampung-anggur', name: 'Kampung Budidaya Anggur Jrebeng Lor', category: 'wisata', subcategory: 'agrowisata/kampung wisata', tags: ['anggur', 'agrowisata', 'kampung_wisata', 'madu'] }, LABEL.jrebengLor),
  place({ id: 'w-batik-manggur', name: 'Sentra Batik Manggur', category: 'oleh_oleh', subcategory: 'kerajinan/batik', tags: ['batik', 'oleh_oleh', 'kapal_pesiar'] }, LABEL.triwungKidul),
  place({ id: 'h-tampiarto', name: 'Hotel Tampiarto Plaza', category: 'penginapan', subcategory: 'hotel', tags: ['hotel', 'pusat_kota', 'dekat_museum'] }, LABEL.tisnonegaran),
  place({ id: 'k-sate-lalat-alun-alun', name: 'Sate Lalat & PKL Alun-alun', category: 'kuliner', subcategory: 'pkl/kuliner malam', tags: ['sate_lalat', 'kuliner_malam', 'murah'], priceLevel: 1, priceText: 'Rp10.000–15.000/porsi' }, LABEL.mangunharjo),
  place({ id: 'k-bakso-probolinggo', name: 'Bakso Probolinggo', category: 'kuliner', subcategory: 'bakso', tags: ['bakso'] }, LABEL.pilang),
  // The seed says "Kebonsari (Wetan/Kulon?)": only the kecamatan (Kanigaran) is sure.
  place({ id: 'k-lontong-balap-khasanah', name: 'Lontong Balap Bu Khasanah', category: 'kuliner', subcategory: 'lontong balap', tags: ['lontong_balap', 'makan_siang'], kecamatan: 'Kanigaran' }, LABEL.kebonsariKulon, 'kecamatan'),
  place({ id: 'k-bakso-eddy', name: 'Bakso Eddy', category: 'kuliner', subcategory: 'bakso', tags: ['bakso', 'legendaris', 'makan_siang'], hoursText: '±10.00–21.00', priceText: 'Rp16.000/porsi' }, CITY_REFERENCE, 'unknown'),
];

const index = new PlaceIndex(PLACES);
const NOW = new Date('2026-11-29T12:00:00Z');
const ids = (r: { items: { place: Place }[] }) => r.items.map((i) => i.place.id);
const run = (query: RecommendQuery, isOpen?: OpenNowFn) => recommend(query, index, { now: NOW, cityMap: map, ...(isOpen ? { isOpen } : {}) });
const atMuseum = { ...MUSEUM_AT, label: 'Museum Probolinggo', precise: true };

describe('ranking around a point', () => {
  it('lists the nearest wisata first, with distances in metres, ties by name', () => {
    const r = run({ category: 'wisata', near: atMuseum, limit: 50 });
    expect(r.items[0]!.place.id).toBe('w-museum-probolinggo');
    expect(r.items[0]!.distanceM).toBeLessThan(1);
    const distances = r.items.map((i) => i.distanceM!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // Gereja Merah sits on Tisnonegaran's label point, ≈ 490 m from the museum; the station ≈ 850 m.
    const gereja = r.items.find((i) => i.place.id === 'w-gereja-merah')!;
    expect(gereja.distanceM).toBeGreaterThan(400);
    expect(gereja.distanceM).toBeLessThan(600);
    expect(r.items.find((i) => i.place.id === 'w-stasiun')!.distanceM).toBeGreaterThan(800);
    // Alun-alun and TWSL share Mangunharjo's label point: same score, so by name.
    const a = ids(r).indexOf('w-alun-alun');
    expect(ids(r)[a + 1]).toBe('w-twsl');
    expect(r).toMatchObject({ total: 10, totalExact: true, outsideCity: false });
    expect(r.nextOffset).toBeUndefined();
  });

  it('scores decay with distance: relevance / (1 + d / 1.5 km)', () => {
    const [first, second] = run({ category: 'wisata', near: atMuseum }).items;
    expect(first!.score).toBeCloseTo(1, 3);
    expect(second!.score).toBeCloseTo(1 / (1 + second!.distanceM! / 1500), 6);
  });

  it('a nearer place with fewer asked tags can lose to a farther one with more', () => {
    // A point on the way from the station to the museum, 38 % of the way (≈ 320 m and ≈ 530 m): the station has
    // only a related tag for "sejarah" (relevance 1.5), the museum has it (2).
    const between = { lat: -7.745113, lon: 113.214597, label: 'Jl. Suroyo', precise: true };
    const r = run({ tags: ['sejarah'], near: between, limit: 10 });
    const at = (id: string) => r.items.find((i) => i.place.id === id)!;
    expect(at('w-stasiun').distanceM).toBeLessThan(at('w-museum-probolinggo').distanceM!);
    expect(ids(r)[0]).toBe('w-museum-probolinggo');
    expect(ids(r)).toContain('w-stasiun');
  });

  it('maxDistanceKm keeps only the places within it', () => {
    const r = run({ near: atMuseum, maxDistanceKm: 0.6, limit: 50 });
    expect(ids(r).sort()).toEqual(['h-tampiarto', 'w-gereja-merah', 'w-museum-probolinggo']);
    expect(r.items.every((i) => i.distanceM! <= 600)).toBe(true);
  });
});

describe('filters', () => {
  it('a category keeps only that category', () => {
    expect(ids(run({ category: 'kuliner', limit: 50 })).sort()).toEqual(['k-bakso-eddy', 'k-bakso-probolinggo', 'k-lontong-balap-khasanah', 'k-sate-lalat-alun-alun']);
    expect(ids(run({ category: 'oleh_oleh', near: atMuseum }))).toEqual(['w-batik-manggur']);
  });

  it('tags keep places with at least one of them; more of them rank higher', () => {
    const religi = run({ tags: ['Religi'], limit: 50 });
    expect(ids(religi).sort()).toEqual(['w-gereja-merah', 'w-masjid-agung', 'w-masjid-tiban']);
    const both = run({ tags: ['religi', 'sejarah'], category: 'wisata', limit: 50 });
    // The three religious places have both tags; the museum only "sejarah"; the station a related tag.
    expect(ids(both).slice(0, 3).sort()).toEqual(['w-gereja-merah', 'w-masjid-agung', 'w-masjid-tiban']);
    expect(ids(both)).toEqual([...ids(both).slice(0, 3), 'w-museum-probolinggo', 'w-stasiun']);
  });

  it('tags also match subcategory words ("alam" finds Pantai Permata by "alam/pantai")', () => {
    expect(ids(run({ tags: ['alam'], limit: 50 })).sort()).toEqual(['w-bjbr', 'w-pantai-permata']);
  });

  it('"murah" puts known-cheap places first, unknown prices after, and drops dearer ones', () => {
    const dear = PLACES.map((p) => (p.id === 'k-bakso-probolinggo' ? { ...p, priceLevel: 2 } : p)); // made up for the test
    const kuliner = recommend({ category: 'kuliner', cheap: true, limit: 50 }, new PlaceIndex(dear), { now: NOW });
    expect(ids(kuliner)).toEqual(['k-sate-lalat-alun-alun', 'k-bakso-eddy', 'k-lontong-balap-khasanah']);

    const wisata = run({ category: 'wisata', tags: ['murah'], near: atMuseum, limit: 50 });
    expect(ids(wisata).slice(0, 4)).toEqual(['w-museum-probolinggo', 'w-alun-alun', 'w-twsl', 'w-bjbr']);
    expect(wisata.items.slice(4).every((i) => i.place.priceLevel === null)).toBe(true);
    expect(wisata.total).toBe(10);
    expect(ids(run({ category: 'wisata', cheap: true, near: atMuseum, limit: 50 }))).toEqual(ids(wisata));
  });

  it('free words match name, aliases, subcategory and tags, ignoring case and accents', () => {
    // The hotel has the tag "dekat_museum": a tag word counts less than a name word.
    expect(ids(run({ text: 'MUSÉUM' }))).toEqual(['w-museum-probolinggo', 'h-tampiarto']);
    // From four letters on a word also matches the start of a longer one; shorter words must be whole.
    expect(ids(run({ text: 'muse' }))).toEqual(['w-museum-probolinggo', 'h-tampiarto']);
    expect(ids(run({ text: 'mus' }))).toEqual([]);
    expect(ids(run({ text: 'gedung societeit' }))).toEqual(['w-museum-probolinggo']);
    expect(ids(run({ text: 'red church' }))).toEqual(['w-gereja-merah']);
    expect(ids(run({ text: 'tempat mangrove di probolinggo' }))).toEqual(['w-bjbr']);
    // "masjid" is in two names; "tiban" only in one: it comes first.
    expect(ids(run({ text: 'masjid tiban' }))).toEqual(['w-masjid-tiban', 'w-masjid-agung']);
  });

  it('words that match nothing give an empty answer with total 0', () => {
    const r = run({ text: 'xyzzy planetarium', near: atMuseum });
    expect(r).toEqual({ items: [], total: 0, totalExact: true, outsideCity: false });
  });
});

describe('open now', () => {
  const hours: Record<string, boolean> = { 'w-museum-probolinggo': false, 'w-alun-alun': true, 'w-bjbr': true, 'w-stasiun': false };
  const isOpen: OpenNowFn = (p, now) => {
    expect(now).toBe(NOW);
    return hours[p.id] ?? 'unknown';
  };

  it('"buka sekarang" drops closed places and lists unknown hours after the open ones, flagged', () => {
    const r = run({ category: 'wisata', openNow: true, near: atMuseum, limit: 50 }, isOpen);
    expect(ids(r).slice(0, 2)).toEqual(['w-alun-alun', 'w-bjbr']);
    expect(r.items.slice(0, 2).every((i) => i.openNow === true)).toBe(true);
    expect(r.items.slice(2).every((i) => i.openNow === 'unknown')).toBe(true);
    expect(ids(r)).not.toContain('w-museum-probolinggo');
    expect(ids(r)).not.toContain('w-stasiun');
    expect(r.total).toBe(8);
  });

  it('without "buka sekarang" nothing is dropped; open places gain, closed ones lose a little', () => {
    const r = run({ category: 'wisata', near: atMuseum, limit: 50 }, isOpen);
    expect(r.total).toBe(10);
    const museum = r.items.find((i) => i.place.id === 'w-museum-probolinggo')!;
    expect(museum.openNow).toBe(false);
    expect(museum.score).toBeCloseTo(0.75, 3);
    expect(r.items.find((i) => i.place.id === 'w-gereja-merah')!.openNow).toBe('unknown');
  });

  it('by default the hours come from openingHours (WIB); places without them are "unknown" and stay', () => {
    const withHours = PLACES.map((p) => (p.id === 'w-museum-probolinggo' ? { ...p, openingHours: 'Tu-Su 08:00-14:00' } : p));
    const hoursIndex = new PlaceIndex(withHours);
    const query: RecommendQuery = { category: 'wisata', openNow: true, limit: 50 };
    // Sunday 29 November 2026, 19:00 WIB: the museum is closed; 10:00 WIB: open, and first.
    const evening = recommend(query, hoursIndex, { now: NOW });
    expect(evening.total).toBe(9);
    expect(evening.items.every((i) => i.openNow === 'unknown')).toBe(true);
    const morning = recommend(query, hoursIndex, { now: new Date('2026-11-29T03:00:00Z') });
    expect(morning.total).toBe(10);
    expect(morning.items[0]).toMatchObject({ place: { id: 'w-museum-probolinggo' }, openNow: true });
  });
});

describe('cards', () => {
  it('places on a kelurahan label point are approximate, published ones are not', () => {
    const r = run({ near: atMuseum, limit: 50 });
    const approx = Object.fromEntries(r.items.map((i) => [i.place.id, i.approximate]));
    expect(approx['w-museum-probolinggo']).toBe(false);
    expect(approx['w-stasiun']).toBe(false);
    expect(approx['w-gereja-merah']).toBe(true);
    expect(approx['h-tampiarto']).toBe(true);
  });

  it('around a point, places known only to their kecamatan show no distance and those of unknown position come last', () => {
    const alunAlun = { ...LABEL.mangunharjo, label: 'Alun-alun', precise: false };
    const r = run({ category: 'kuliner', near: alunAlun, limit: 50 });
    expect(ids(r)[0]).toBe('k-sate-lalat-alun-alun');
    expect(r.items[0]!.distanceM).toBeLessThan(1);
    expect(ids(r)[3]).toBe('k-bakso-eddy');
    const lontong = r.items.find((i) => i.place.id === 'k-lontong-balap-khasanah')!;
    const eddy = r.items[3]!;
    expect(lontong.distanceM).toBeUndefined();
    expect(eddy.distanceM).toBeUndefined();
    expect(lontong.approximate && eddy.approximate).toBe(true);
    expect(r).toMatchObject({ total: 4, totalExact: true });
    // Within a radius a place of unknown position cannot be said to be.
    expect(ids(run({ category: 'kuliner', near: alunAlun, maxDistanceKm: 10, limit: 50 }))).not.toContain('k-bakso-eddy');
  });

  it('pages with offset ("lagi") without repeats until the last page', () => {
    const all = ids(run({ category: 'wisata', near: atMuseum, limit: 50 }));
    const seen: string[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const page = run({ category: 'wisata', near: atMuseum, offset });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page));
      offset = page.nextOffset;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
    expect(run({ category: 'wisata', offset: 30 }).items).toEqual([]);
  });

  it('refuses a bad page or distance', () => {
    expect(() => run({ limit: 0 })).toThrow(RangeError);
    expect(() => run({ offset: -1 })).toThrow(RangeError);
    expect(() => run({ offset: 1.5 })).toThrow(RangeError);
    expect(() => run({ near: atMuseum, maxDistanceKm: 0 })).toThrow(RangeError);
    expect(() => run({ near: { lat: 95, lon: 0, label: 'x', precise: true } })).toThrow(RangeError);
  });

  it('a point far outside the city still gets answers, flagged outsideCity, with long distances', () => {
    const bromo = findOutsideSight('bromo')!;
    const r = run({ category: 'wisata', near: { lat: bromo.lat, lon: bromo.lon, label: 'Bromo', precise: true } });
    expect(r.outsideCity).toBe(true);
    expect(r.items).toHaveLength(3);
    expect(r.items.every((i) => i.distanceM! > 30_000)).toBe(true);
    // From the south-west, the nearest in-city wisata is the one farthest south-west: Pantai Permata / Masjid Tiban.
    expect(['w-masjid-tiban', 'w-pantai-permata']).toContain(r.items[0]!.place.id);
  });

  it('an empty index answers nothing', () => {
    expect(recommend({ near: atMuseum }, new PlaceIndex([]))).toEqual({ items: [], total: 0, totalExact: true });
  });

  it('an index refuses repeated ids and bad coordinates', () => {
    expect(() => new PlaceIndex([PLACES[0]!, PLACES[0]!])).toThrow(/more than once/);
    expect(() => new PlaceIndex([{ ...PLACES[0]!, lat: Number.NaN }])).toThrow(RangeError);
  });
});

describe('searching around a point gives the same page as scoring every place', () => {
  const prng = seededRandom;

  it('on 3,000 random places and 300 random queries', () => {
    const random = prng(29112026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const categories = ['wisata', 'penginapan', 'kuliner', 'oleh_oleh'] as const;
    const tagPool = ['keluarga', 'sejarah', 'religi', 'alam', 'halal', 'murah', 'anak', 'heritage'];
    const labels = Object.values(LABEL);
    const places: Place[] = Array.from({ length: 3000 }, (_, i) => {
      const at = pick(labels);
      return place(
        {
          id: `p${i}`,
          name: `${pick(['Warung', 'Depot', 'Museum', 'Taman Kota'])} ${i % 700}`,
          category: pick(categories),
          tags: tagPool.filter(() => random() < 0.25),
          ...(random() < 0.6 ? { priceLevel: Math.floor(random() * 4) } : {}),
        },
        // Some places share a point exactly, as places on a kelurahan label point do.
        random() < 0.3 ? at : { lat: at.lat + (random() - 0.5) * 0.02, lon: at.lon + (random() - 0.5) * 0.02 },
        pick(['published', 'kelurahan', 'kelurahan', 'kecamatan', 'unknown'] as const),
      );
    });
    const big = new PlaceIndex(places);
    const hours = new Map(places.map((p) => [p.id, pick([true, false, 'unknown'] as const)]));
    const isOpen: OpenNowFn = (p) => hours.get(p.id)!;
    for (let n = 0; n < 300; n++) {
      const at = pick(labels);
      const query: RecommendQuery = {
        ...(random() < 0.8 ? { near: { lat: at.lat + (random() - 0.5) * 0.05, lon: at.lon + (random() - 0.5) * 0.05, label: 'x', precise: true } } : {}),
        ...(random() < 0.7 ? { category: pick(categories) } : {}),
        tags: tagPool.filter(() => random() < 0.15),
        openNow: random() < 0.4,
        cheap: random() < 0.2,
        ...(random() < 0.3 ? { text: pick(['warung', 'muse', 'dep', 'museum taman', 'alam', '12', 'kuliner', 'xyz']) } : {}),
        offset: pick([0, 0, 3, 12]),
        limit: pick([1, 3, 10]),
      };
      const got = recommend(query, big, { now: NOW, isOpen });
      // The same page from a search that looks at every match.
      const full = recommend(query, big, { now: NOW, isOpen, exactTotal: true });
      expect(full.totalExact).toBe(true);
      expect(ids(got)).toEqual(ids(full));
      expect(got.nextOffset).toEqual(full.nextOffset);
      if (got.totalExact) expect(got.total).toBe(full.total);
      else expect(got.total).toBeLessThanOrEqual(full.total);
    }
  });

  it('on 20,000 places crowded round label points, with the box search that ends long searches', () => {
    const random = prng(1129);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const tagPool = ['keluarga', 'sejarah', 'religi', 'alam', 'halal', 'anak', 'heritage', 'seafood'];
    const labels = Object.values(LABEL);
    const places: Place[] = Array.from({ length: 20_000 }, (_, i) => {
      const at = pick(labels);
      return place(
        { id: `c${i}`, name: `Tempat ${i}`, category: 'kuliner', tags: tagPool.filter(() => random() < 0.15), openingHours: pick(['24/7', 'Mo-Fr 08:00-16:00', null]) },
        { lat: at.lat + (random() - 0.5) * 0.008, lon: at.lon + (random() - 0.5) * 0.008 },
      );
    });
    const big = new PlaceIndex(places);
    const boxSearches = vi.spyOn(big, 'forEachWithin');
    const isOpen: OpenNowFn = (p) => (p.openingHours === '24/7' ? true : p.openingHours ? false : 'unknown');
    for (let n = 0; n < 120; n++) {
      const at = pick(labels);
      const query: RecommendQuery = {
        near: { lat: at.lat + (random() - 0.5) * 0.016, lon: at.lon + (random() - 0.5) * 0.016, label: 'x', precise: true },
        tags: [pick(tagPool), pick(tagPool)],
        openNow: random() < 0.3,
        offset: pick([0, 3]),
        ...(random() < 0.3 ? { maxDistanceKm: pick([0.3, 1, 3]) } : {}),
      };
      const got = recommend(query, big, { now: NOW, isOpen });
      const full = recommend(query, big, { now: NOW, isOpen, exactTotal: true });
      expect(ids(got)).toEqual(ids(full));
      expect(got.nextOffset).toEqual(full.nextOffset);
    }
    expect(boxSearches).toHaveBeenCalled();
  });

  it('checks opening hours only for the few places that could enter the page', () => {
    const random = prng(7);
    const places = Array.from({ length: 5000 }, (_, i) =>
      place({ id: `q${i}`, name: `Warung ${i}`, category: 'kuliner', tags: [] }, { lat: -7.75 + (random() - 0.5) * 0.05, lon: 113.21 + (random() - 0.5) * 0.05 }),
    );
    let calls = 0;
    const isOpen: OpenNowFn = () => (++calls % 3 === 0 ? 'unknown' : calls % 3 === 1);
    const r = recommend({ category: 'kuliner', openNow: true, near: atMuseum }, new PlaceIndex(places), { now: NOW, isOpen });
    expect(r.items).toHaveLength(3);
    expect(r.items.every((i) => i.openNow === true)).toBe(true);
    expect(r.nextOffset).toBe(3);
    expect(r.totalExact).toBe(false);
    expect(calls).toBeLessThan(50);
  });
});

describe('famous sights outside the Kota', () => {
  it('are found by their usual names', () => {
    expect(findOutsideSight('bromo')?.id).toBe('x-bromo');
    expect(findOutsideSight('mau ke Gunung Bromo besok')?.id).toBe('x-bromo');
    expect(findOutsideSight('air terjun madakaripura dimana?')?.id).toBe('x-madakaripura');
    expect(findOutsideSight('Gili Ketapang')?.id).toBe('x-gili-ketapang');
    expect(findOutsideSight('nyebrang ke giliketapang')?.id).toBe('x-gili-ketapang');
    expect(findOutsideSight('pantai bentar')?.id).toBe('x-pantai-bentar');
    expect(findOutsideSight('candi jabung')?.id).toBe('x-candi-jabung');
    expect(findOutsideSight('rawon nguling enak')?.id).toBe('x-rawon-nguling');
    expect(findOutsideSight('Soto Koya Kraksaan')?.id).toBe('x-soto-koya-kraksaan');
  });

  it('the first named wins; in-city places and everyday words find nothing', () => {
    expect(findOutsideSight('gili ketapang atau bromo')?.id).toBe('x-gili-ketapang');
    expect(findOutsideSight('museum probolinggo')).toBeUndefined();
    expect(findOutsideSight('tunggu bentar ya')).toBeUndefined();
    expect(findOutsideSight('rawon jumaroh')).toBeUndefined();
  });

  it('are all outside the city, with where they are and how far from the alun-alun', () => {
    const { cityCentre, sights } = outsideSights();
    expect(map.locate(cityCentre.lat, cityCentre.lon).status).toBe('inside');
    expect(sights.map((s) => s.id).sort()).toEqual(
      ['x-bromo', 'x-candi-jabung', 'x-gili-ketapang', 'x-madakaripura', 'x-pantai-bentar', 'x-rawon-nguling', 'x-soto-koya-kraksaan'],
    );
    for (const s of sights) {
      expect(map.locate(s.lat, s.lon).status, s.id).toBe('outside');
      expect(s.kabupaten).toBe('Kabupaten Probolinggo');
      expect(s.coordPrecision).toBe('approximate');
      expect(s.distanceFromCentreKm).toBeGreaterThan(5);
    }
    const bromo = findOutsideSight('bromo')!;
    expect(bromo.kecamatan).toBe('Sukapura');
    expect(bromo.distanceFromCentreKm).toBeGreaterThan(30);
    expect(bromo.distanceFromCentreKm).toBeLessThan(45);
  });
});
