/**
 * What a subscription looks at in a tender, and the one definition of "this tender matches these criteria".
 *
 * Tender names, instansi and satker are folded with `words.ts`, the same way keywords are, so matching is by whole
 * folded words: "jalan" matches "Rehabilitasi JALAN (Tahap II)" but neither "Jalanan" nor "Jl.".
 *
 * The rule lives in {@link CriteriaTable.matches}, over criteria compiled into flat arrays (words as numbers of the
 * table's own dictionary). {@link matchesCriteria} compiles a table of one for a single pair; the subscription index
 * compiles all its subscriptions into one table, because checking thousands of candidates per tender is then a few
 * typed-array reads each instead of a walk through scattered objects, arrays and sets.
 */
import {
  JENIS_CODES,
  KUALIFIKASI_CODES,
  type JenisCode,
  type KualifikasiCode,
  type SubscriptionCriteria,
} from './model.js';
import type { Tender } from './source/index.js';
import { INSTANSI_ALIASES } from './subscription-words.js';
import { foldText, wordsOf } from './words.js';

/**
 * The subscription jenis code of a tender's jenis pengadaan as SPSE or ISB writes it, or undefined when it is
 * missing or not one SPSE uses. "Pekerjaan Konstruksi" → konstruksi, "Pengadaan Barang" → barang, every
 * "Jasa Konsultansi …" (badan usaha or perorangan, konstruksi or not) → konsultansi, "Jasa Lainnya" → jasa_lainnya.
 * "Pekerjaan Konstruksi Terintegrasi" (design and build; some lists write only "Terintegrasi") → konstruksi: it is
 * construction work, and a vendor asking for konstruksi wants to hear of it. A trailing "- TA 2026" is tolerated;
 * the codes themselves ("jasa_lainnya") read as their jenis.
 */
export function jenisOf(jenis: string | undefined): JenisCode | undefined {
  if (!jenis) return undefined;
  const f = foldText(jenis);
  // Prefixes, not whole strings: SPSE appends detail ("Jasa Konsultansi Badan Usaha Non Konstruksi"), and the
  // konsultansi labels contain "konstruksi", so only the start may decide.
  if (f.startsWith('pekerjaan konstruksi') || f.startsWith('terintegrasi') || f === 'konstruksi') return 'konstruksi';
  if (f.startsWith('pengadaan barang') || f === 'barang') return 'barang';
  if (f.startsWith('jasa konsultansi') || f.startsWith('konsultansi')) return 'konsultansi';
  if (f.startsWith('jasa lainnya')) return 'jasa_lainnya';
  return undefined;
}

/**
 * The subscription kualifikasi codes a tender's kualifikasi usaha admits, or undefined when the text is missing or
 * names no size Pintu knows ("Belum Pilih Kualifikasi"): the matcher then lets the tender through.
 * "Kecil", "Usaha Kecil", "Perusahaan Kecil", "Mikro" → kecil; "Non Kecil", "Non-Kecil", "Menengah", "Besar" →
 * non_kecil; "Perorangan"/"Perseorangan" → kecil (construction law groups perseorangan with the small
 * qualification, "Kecil/Perseorangan", and such packages are small-scale work no non-kecil firm is after);
 * a text naming both sides ("Kecil, Menengah", "Gabungan") → both.
 */
export function kualifikasiOf(text: string | undefined): KualifikasiCode[] | undefined {
  if (!text) return undefined;
  const words = wordsOf(text);
  let kecil = false;
  let nonKecil = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'kecil') {
      if (words[i - 1] === 'non') nonKecil = true;
      else kecil = true;
    } else if (w === 'nonkecil' || w === 'menengah' || w === 'besar') nonKecil = true;
    else if (w === 'mikro' || w === 'perorangan' || w === 'perseorangan') kecil = true;
    else if (w === 'gabungan') kecil = nonKecil = true;
  }
  if (kecil && nonKecil) return ['kecil', 'non_kecil'];
  if (kecil) return ['kecil'];
  if (nonKecil) return ['non_kecil'];
  return undefined;
}

/** Matches a word `foldText` leaves as it is (the usual case), so folding is skipped. */
const FOLDED_WORD = /^[a-z0-9]+$/;

/**
 * The folded words of one stored word, normally itself. Criteria are meant to hold folded words already; folding
 * again makes a stray "Jalan" or "kafé" harmless, and an entry holding two words ("jalan lingkungan") means both.
 */
function foldedWords(word: string): string[] {
  return FOLDED_WORD.test(word) ? [word] : wordsOf(word);
}

/** Distinct folded words of a list of stored words. */
function foldedList(words: readonly string[]): string[] {
  return [...new Set(words.flatMap(foldedWords))];
}

/**
 * A bit per jenis code (its position in JENIS_CODES), a bit per kualifikasi code likewise. A code that is not one
 * (a stored value from an older version, say) gets bit 4, which no tender has: criteria naming only such codes then
 * ask for something no tender is, instead of turning into "any".
 */
const UNKNOWN_CODE_BIT = 1 << 4;
const jenisBit = (j: JenisCode): number => {
  const i = JENIS_CODES.indexOf(j);
  return i < 0 ? UNKNOWN_CODE_BIT : 1 << i;
};
const kualifikasiBit = (k: KualifikasiCode): number => {
  const i = KUALIFIKASI_CODES.indexOf(k);
  return i < 0 ? UNKNOWN_CODE_BIT : 1 << i;
};

/**
 * The words of a tender's instansi and satker, with one-word abbreviations spelled out as subscriptions spell them
 * ("RSUD dr. Mohamad Saleh" also has "rumah sakit umum daerah"), so "rsud" in a subscription finds it.
 */
function placeWords(tender: Tender): string[] {
  const words = wordsOf(tender.satker ? `${tender.instansi} ${tender.satker}` : tender.instansi);
  const out = [...words];
  for (const w of words) {
    for (const [phrase, alias] of INSTANSI_ALIASES.get(w) ?? []) if (phrase.length === 1) out.push(...alias.words);
  }
  return out;
}

/** Word marks of a tender: in its name, among its instansi and satker words. */
const IN_NAME = 1;
const IN_PLACE = 2;

/**
 * A tender read for one {@link CriteriaTable}: made by {@link CriteriaTable.facets}, valid for that table only.
 */
export interface TenderFacets {
  /** The table whose dictionary `marks` and `nameIds` refer to. */
  readonly table: CriteriaTable;
  /** Per word number of the table: bit 1 set when the word is in the name, bit 2 when among instansi/satker words. */
  readonly marks: Uint8Array;
  /** Distinct numbers of the name words the table knows (words no criteria use are left out). */
  readonly nameIds: Int32Array;
  /** {@link jenisOf} the tender's jenis. */
  readonly jenis: JenisCode | undefined;
  /** Bit of `jenis`, 0 when unknown. */
  readonly jenisBit: number;
  /** HPS in rupiah; NaN when unknown. */
  readonly hps: number;
  /** Bits of {@link kualifikasiOf} the tender's kualifikasi, 0 when unknown. */
  readonly kualifikasiBits: number;
}

/**
 * Row bits: 1 for "never matches" (no filter at all, or keyword groups that all fold to nothing), the jenis mask
 * shifted by JENIS_SHIFT, the kualifikasi mask shifted by KUALIFIKASI_SHIFT (masks of 5 bits, see UNKNOWN_CODE_BIT).
 */
const NEVER = 1;
const JENIS_SHIFT = 4;
const KUALIFIKASI_SHIFT = 12;
const MASK = 0x1f;

/**
 * Subscription criteria compiled into flat arrays, row i for criteria i, and the match rule over them
 * ({@link matches}). The table copies what it needs: later edits to the criteria objects do not reach it.
 *
 * Per row: jenis and kualifikasi as bit masks (0: any), HPS bounds as numbers (±Infinity: none), and one run of
 * word numbers: the keyword groups, the exclusions and the instansi words, each as a count followed by its items
 * (a group or exclusion being itself a count followed by word numbers).
 */
export class CriteriaTable {
  readonly #ids = new Map<string, number>();
  readonly #words: string[] = [];
  /**
   * Per row two numbers side by side (what a check reads first sits in one place): where its run of word numbers
   * starts in #data, and its bits (never, jenis mask, kualifikasi mask).
   */
  readonly #rows: Int32Array;
  /** Per row its HPS bounds side by side, min then max. */
  readonly #hps: Float64Array;
  readonly #data: Int32Array;

  /** Compiles `criteria`; row i is `criteria[i]`. */
  constructor(criteria: readonly SubscriptionCriteria[]) {
    const n = criteria.length;
    this.#rows = new Int32Array(2 * n);
    this.#hps = new Float64Array(2 * n);
    const data: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = criteria[i]!;
      this.#rows[2 * i] = data.length;
      const groups = c.keywords.map(foldedList).filter((g) => g.length > 0);
      const exclude = c.exclude.map(foldedWords).filter((e) => e.length > 0);
      const instansi = c.instansi ? foldedList(c.instansi.words) : [];
      const jenis = c.jenis ?? [];
      const hpsMin = Number.isFinite(c.hpsMin) ? c.hpsMin! : -Infinity;
      const hpsMax = Number.isFinite(c.hpsMax) ? c.hpsMax! : Infinity;
      const noFilter =
        c.keywords.length === 0 &&
        jenis.length === 0 &&
        hpsMin === -Infinity &&
        hpsMax === Infinity &&
        !c.kualifikasi &&
        instansi.length === 0;
      // Keyword groups that all fold to nothing ("-"): dropping them would widen the subscription to every tender.
      const unmatchable = c.keywords.length > 0 && groups.length === 0;
      const jenisMask = jenis.reduce((bits, j) => bits | jenisBit(j), 0);
      const kualifikasiMask = c.kualifikasi ? kualifikasiBit(c.kualifikasi) : 0;
      this.#rows[2 * i + 1] =
        (noFilter || unmatchable ? NEVER : 0) | (jenisMask << JENIS_SHIFT) | (kualifikasiMask << KUALIFIKASI_SHIFT);
      this.#hps[2 * i] = hpsMin;
      this.#hps[2 * i + 1] = hpsMax;
      data.push(groups.length);
      for (const g of groups) data.push(g.length, ...g.map((w) => this.#idOf(w)));
      data.push(exclude.length);
      for (const e of exclude) data.push(e.length, ...e.map((w) => this.#idOf(w)));
      data.push(instansi.length, ...instansi.map((w) => this.#idOf(w)));
    }
    this.#data = Int32Array.from(data);
  }

  /** The number of `word`, added to the dictionary when new. */
  #idOf(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) {
      id = this.#words.length;
      this.#ids.set(word, id);
      this.#words.push(word);
    }
    return id;
  }

  /** Number of rows. */
  get length(): number {
    return this.#rows.length / 2;
  }

  /** Number of distinct words the criteria use. */
  get wordCount(): number {
    return this.#words.length;
  }

  /** The folded word with number `id`. */
  word(id: number): string {
    return this.#words[id]!;
  }

  /** False when row `row` can match no tender (no filter at all, or only keyword groups that fold to nothing). */
  canMatch(row: number): boolean {
    return (this.#rows[2 * row + 1]! & NEVER) === 0;
  }

  /** The jenis codes row `row` asks for; undefined: any jenis; empty: only codes that are not jenis codes. */
  jenisCodes(row: number): JenisCode[] | undefined {
    const bits = (this.#rows[2 * row + 1]! >> JENIS_SHIFT) & MASK;
    return bits === 0 ? undefined : JENIS_CODES.filter((j) => (bits & jenisBit(j)) !== 0);
  }

  /** The keyword groups of row `row` as lists of word numbers (empty: no keyword filter). */
  keywordGroups(row: number): number[][] {
    const d = this.#data;
    let p = this.#rows[2 * row]!;
    const groups: number[][] = [];
    for (let count = d[p++]!; count > 0; count--) {
      const len = d[p++]!;
      groups.push(Array.from(d.subarray(p, p + len)));
      p += len;
    }
    return groups;
  }

  /** `tender` as this table's rows read it; `nameWords`, when given, must be the folded words of `tender.name`. */
  facets(tender: Tender, nameWords?: Iterable<string>): TenderFacets {
    const marks = new Uint8Array(this.#words.length);
    const nameIds: number[] = [];
    for (const w of nameWords ?? wordsOf(tender.name)) {
      const id = this.#ids.get(w);
      if (id !== undefined && (marks[id]! & IN_NAME) === 0) {
        marks[id] = marks[id]! | IN_NAME;
        nameIds.push(id);
      }
    }
    for (const w of placeWords(tender)) {
      const id = this.#ids.get(w);
      if (id !== undefined) marks[id] = marks[id]! | IN_PLACE;
    }
    const jenis = jenisOf(tender.jenis);
    const hps = typeof tender.hps === 'number' && Number.isFinite(tender.hps) ? tender.hps : Number.NaN;
    const kualifikasiBits = (kualifikasiOf(tender.kualifikasi) ?? []).reduce((bits, k) => bits | kualifikasiBit(k), 0);
    return {
      table: this,
      marks,
      nameIds: Int32Array.from(nameIds),
      jenis,
      jenisBit: jenis ? jenisBit(jenis) : 0,
      hps,
      kualifikasiBits,
    };
  }

  /**
   * The match rule: whether the tender of `f` is one row `row` asks for. Every filter that is set must pass:
   * - keywords: every word of at least one group is a word of the name (no groups: no keyword filter);
   * - exclusions: no exclusion has all its words (one, normally) in the name;
   * - jenis: the tender's jenis code is one of the row's; an unknown jenis fails when the row names jenis;
   * - HPS: hpsMin ≤ HPS ≤ hpsMax, both inclusive; an unknown HPS passes;
   * - kualifikasi: the tender's kualifikasi admits the row's; an unknown kualifikasi passes;
   * - instansi: every instansi word is among the words of the tender's instansi and satker.
   * A row with no filter at all matches nothing.
   */
  matches(row: number, f: TenderFacets): boolean {
    if (f.table !== this) throw new Error('CriteriaTable.matches: facets made by another table');
    const bits = this.#rows[2 * row + 1]!;
    if ((bits & NEVER) !== 0) return false;
    const jenis = (bits >> JENIS_SHIFT) & MASK;
    if (jenis !== 0 && (jenis & f.jenisBit) === 0) return false;
    // NaN (unknown HPS) fails both comparisons, so it passes.
    if (f.hps < this.#hps[2 * row]! || f.hps > this.#hps[2 * row + 1]!) return false;
    const kualifikasi = (bits >> KUALIFIKASI_SHIFT) & MASK;
    if (kualifikasi !== 0 && f.kualifikasiBits !== 0 && (kualifikasi & f.kualifikasiBits) === 0) return false;

    const d = this.#data;
    const marks = f.marks;
    let p = this.#rows[2 * row]!;
    const groups = d[p++]!;
    let groupMet = groups === 0;
    for (let g = 0; g < groups; g++) {
      const len = d[p++]!;
      if (!groupMet) {
        let all = true;
        for (let j = 0; j < len; j++) {
          if ((marks[d[p + j]!]! & IN_NAME) === 0) {
            all = false;
            break;
          }
        }
        groupMet = all;
      }
      p += len;
    }
    if (!groupMet) return false;
    for (let e = d[p++]!; e > 0; e--) {
      const len = d[p++]!;
      let all = true;
      for (let j = 0; j < len; j++) {
        if ((marks[d[p + j]!]! & IN_NAME) === 0) {
          all = false;
          break;
        }
      }
      if (all) return false;
      p += len;
    }
    for (let w = d[p++]!; w > 0; w--) if ((marks[d[p++]!]! & IN_PLACE) === 0) return false;
    return true;
  }
}

/**
 * Whether `tender` is one `criteria` asks for: the rule of {@link CriteriaTable.matches}. `words`, when given, must
 * be the folded words of `tender.name` (saves folding it again). For many criteria, compile them once into a
 * {@link CriteriaTable} (as the subscription index does) instead: this compiles a table of one on every call.
 */
export function matchesCriteria(criteria: SubscriptionCriteria, tender: Tender, words?: ReadonlySet<string>): boolean {
  const table = new CriteriaTable([criteria]);
  return table.matches(0, table.facets(tender, words));
}
