/**
 * Reads a vendor's chat request for tender alerts ("langganan tender konstruksi jalan minimal 500 juta") into
 * subscription criteria. The message becomes one token list that passes read in turn, each claiming the tokens it
 * understood so later passes skip them: HPS amounts, exclusions, instansi, jenis, kualifikasi; the words left over
 * become keyword groups. Word lists live in `subscription-words.ts`.
 */
import { JENIS_CODES, type JenisCode, type KualifikasiCode, type SubscriptionCriteria } from './model.js';
import { parseMoney } from './source/money.js';
import {
  AMOUNT_FILLERS,
  BOUND_PREFIXES as PREFIXES,
  BOUND_SUFFIXES as SUFFIXES,
  EXCLUDE_TRIGGERS,
  GROUP_SPLITTERS,
  INSTANSI_ALIASES as ALIASES,
  INSTANSI_HEADS,
  INSTANSI_POINTERS,
  INSTANSI_WORD_AFTER,
  INSTANSI_WORDS,
  type InstansiAlias,
  JENIS_PHRASES as JENIS,
  KEYWORD_EXPANSIONS,
  KUALIFIKASI_CONTEXT,
  KUALIFIKASI_PHRASES,
  KUALIFIKASI_SIZES,
  MONEY_UNITS,
  NOT_MONEY_AFTER,
  NUMERAL_MULTIPLIERS,
  NUMERAL_WORDS,
  ONE_UNIT_WORDS,
  type PhraseTable,
  RANGE_JOINERS,
  RSUD_NAME_WORDS,
  SHORT_KEYWORDS,
  STOPWORDS,
  WORD_SYNONYMS,
} from './subscription-words.js';
import { wordsOf } from './words.js';

/** What a vendor's message asked for. */
export interface ParsedSubscription {
  criteria: SubscriptionCriteria;
  /** A bound written without a unit ("minimal 500"): ask the vendor "500 juta?" before saving. */
  unclearAmount?: { bound: 'min' | 'max'; value: number };
  /** True when nothing usable was found (only stopwords / request words, e.g. "langganan tender", "mau info lelang dong"). */
  empty: boolean;
}

interface Token {
  kind: 'word' | 'num' | 'dash' | 'sep';
  text: string;
  /** Whitespace or an ignored character comes right before it ("-konsultan" after a space is an exclusion). */
  gap: boolean;
  used: boolean;
}

/** Amounts above this (1 000 triliun) are typing accidents, not an HPS. */
const MAX_RUPIAH = 1e15;
/** A unitless amount this large is plainly rupiah ("minimal 500.000.000"); below it the vendor is asked. */
const PLAIN_RUPIAH = 1_000_000;

// No alternative backtracks further than the run it matched, so tokenizing stays linear in the input.
const TOKEN =
  /(\d(?:[\d.,]*\d)?)|([\p{L}\p{M}\p{N}]+)|([-\u2010-\u2015\u2212])|([,;\/|!?\n]|\.(?![\p{L}\p{N}]))|([<>]=?|[≤≥])|[^\S\n]+|[\s\S]/gu;

function tokenize(text: string): Token[] {
  const prepared = text
    .replace(/(^|[^\p{L}])s\s?[.\/]\s?d(?![\p{L}\p{N}])\.?/giu, '$1 sampai ')
    .replace(/(^|[^\p{L}\p{N}])(rp|idr)\s?\.(?=\s?\d)/giu, '$1rp ')
    // The dot of a title or an address abbreviation ("dr. Saleh", "Kec. Mayangan") ends no sentence.
    .replace(/(^|[^\p{L}\p{N}])(dr|drs|ir|h|hj|prof|jl|jln|kec|kel|kab|ds|no|rt|rw|pt|cv|ud)\./giu, '$1$2 ')
    .replace(/(\d),-/g, '$1')
    .replace(/barang\s?[\/&]\s?jasa/giu, 'barang jasa')
    .replace(/&/g, ' dan ');
  const tokens: Token[] = [];
  let gap = true;
  for (const m of prepared.matchAll(TOKEN)) {
    const [, num, word, dash, sep, cmp] = m;
    if (num !== undefined) tokens.push({ kind: 'num', text: num, gap, used: false });
    else if (word !== undefined)
      for (const w of wordsOf(word)) tokens.push({ kind: 'word', text: w, gap, used: false });
    else if (dash !== undefined) tokens.push({ kind: 'dash', text: '-', gap, used: false });
    else if (sep !== undefined) tokens.push({ kind: 'sep', text: sep, gap, used: false });
    else if (cmp !== undefined) tokens.push({ kind: 'word', text: cmp, gap, used: false });
    gap = num === undefined && word === undefined && dash === undefined && sep === undefined && cmp === undefined;
  }
  // A hyphen inside a word ("non-kecil", "paseh-cikancung") joins its halves like a space.
  return tokens.filter(
    (t, i) =>
      !(
        t.kind === 'dash' &&
        !t.gap &&
        tokens[i - 1]?.kind === 'word' &&
        tokens[i + 1]?.kind === 'word' &&
        !tokens[i + 1]!.gap
      ),
  );
}

/** The unclaimed word at `i`. */
function wordAt(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  return t?.kind === 'word' && !t.used ? t.text : undefined;
}

/** The longest phrase of `table` made of the unclaimed words from `i`. */
function matchAt<T>(tokens: Token[], i: number, table: PhraseTable<T>): { value: T; end: number } | undefined {
  for (const [words, value] of table.get(wordAt(tokens, i) ?? '') ?? []) {
    if (words.every((w, k) => wordAt(tokens, i + k) === w)) return { value, end: i + words.length };
  }
  return undefined;
}

/** The index after at most `max` unclaimed words from `i` that `skip` accepts (bounded, so no run is rescanned). */
function skipWords(tokens: Token[], i: number, skip: (word: string) => boolean, max = 3): number {
  let j = i;
  while (j < i + max && wordAt(tokens, j) !== undefined && skip(wordAt(tokens, j)!)) j++;
  return j;
}

function claim(tokens: Token[], from: number, to: number): void {
  for (let i = from; i < to; i++) tokens[i]!.used = true;
}

/** `word` as a keyword, or undefined when it says nothing about the tender (stopword, number, too short). */
function keywordWord(word: string): string | undefined {
  let w = WORD_SYNONYMS.get(word) ?? word;
  if (w.endsWith('nya') && w.length >= 6) w = WORD_SYNONYMS.get(w.slice(0, -3)) ?? w.slice(0, -3);
  if (STOPWORDS.has(word) || STOPWORDS.has(w) || /^\p{N}+$/u.test(w)) return undefined;
  return w.length > 2 || SHORT_KEYWORDS.has(w) ? w : undefined;
}

interface Amount {
  digits: string;
  unit?: string;
  currency: boolean;
  end: number;
}

/** A number with its unit at `start` ("Rp 1,5 M", "200jt", "lima ratus juta"), or undefined. */
function amountAt(tokens: Token[], start: number): Amount | undefined {
  let i = start;
  const currency = wordAt(tokens, i) === 'rp' || wordAt(tokens, i) === 'idr';
  if (currency) i++;
  const t = tokens[i];
  const word = wordAt(tokens, i);
  const oneUnit = ONE_UNIT_WORDS.get(word ?? '');
  if (oneUnit) return { digits: '1', unit: oneUnit, currency, end: i + 1 };
  let digits: string;
  let spelled = NUMERAL_WORDS.get(word ?? '');
  if (t?.kind === 'num' && !t.used) digits = t.text;
  else if (spelled !== undefined) {
    const times = NUMERAL_MULTIPLIERS.get(wordAt(tokens, i + 1) ?? '');
    if (times !== undefined) i++;
    spelled *= times ?? 1;
    digits = String(spelled);
  } else return undefined;
  const next = wordAt(tokens, ++i) ?? '';
  const unit = MONEY_UNITS.get(next);
  if (unit) return { digits, unit, currency, end: i + 1 };
  if (spelled !== undefined || NOT_MONEY_AFTER.has(next)) return undefined;
  return { digits, currency, end: i };
}

/** Rupiah of `digits` in `unit`, or undefined when it is no usable amount (malformed, zero, absurdly large). */
function rupiah(digits: string, unit: string | undefined): number | undefined {
  try {
    const value = parseMoney(unit ? `${digits} ${unit}` : digits);
    return value > 0 && value <= MAX_RUPIAH ? value : undefined;
  } catch {
    return undefined;
  }
}

const isYear = (digits: string, unit: string | undefined): boolean =>
  unit === undefined && /^\d{4}$/.test(digits) && Number(digits) >= 1900 && Number(digits) <= 2100;

interface Bound {
  bound: 'min' | 'max';
  value: number;
  clear: boolean;
}

/** Where the second amount of a range starts after `i` ("- 500", "sampai 500", "dan 500" after "antara"). */
function rangeJoint(tokens: Token[], i: number, afterAntara: boolean): number | undefined {
  const t = tokens[i];
  if (t?.kind === 'dash' && !t.used) return i + 1;
  const w = wordAt(tokens, i);
  if (w === 'sampai' && wordAt(tokens, i + 1) === 'dengan') return i + 2;
  return w !== undefined && (RANGE_JOINERS.has(w) || (afterAntara && w === 'dan')) ? i + 1 : undefined;
}

/** Claims every HPS expression: "minimal 500 juta", "1 M ke atas", "antara 200 - 500 juta", "nilai 300 jt". */
function readBounds(tokens: Token[]): Bound[] {
  const bounds: Bound[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const prefix = matchAt(tokens, i, PREFIXES);
    const j = skipWords(tokens, prefix?.end ?? i, (w) => AMOUNT_FILLERS.has(w));
    const named = j > (prefix?.end ?? i);
    const a = amountAt(tokens, j);
    if (!a) continue;
    const joint = rangeJoint(tokens, a.end, prefix?.value.bound === 'range');
    let b = joint === undefined ? undefined : amountAt(tokens, joint);
    // A unit written once covers both ends of a range ("200-500 juta").
    if (b && (rupiah(b.digits, b.unit ?? a.unit) === undefined || isYear(b.digits, b.unit ?? a.unit))) b = undefined;
    const unitA = a.unit ?? b?.unit;
    const valueA = rupiah(a.digits, unitA);
    const suffix = matchAt(tokens, b?.end ?? a.end, SUFFIXES);
    const context = prefix !== undefined || named || suffix !== undefined || a.currency;
    // A bare number is money only where the words say so ("2 laptop" is not); a bare year never is.
    if (valueA === undefined || (!context && unitA === undefined) || isYear(a.digits, unitA)) continue;
    const clearA = unitA !== undefined || valueA >= PLAIN_RUPIAH;
    if (!clearA && prefix?.value.strong === false) continue;
    claim(tokens, i, suffix?.end ?? b?.end ?? a.end);
    if (b) {
      const unitB = b.unit ?? a.unit;
      const valueB = rupiah(b.digits, unitB)!;
      bounds.push({ bound: 'min', value: valueA, clear: clearA });
      bounds.push({ bound: 'max', value: valueB, clear: unitB !== undefined || valueB >= PLAIN_RUPIAH });
    } else {
      const phrase = prefix?.value.bound;
      const bound = phrase === 'min' || phrase === 'max' ? phrase : (suffix?.value ?? 'min');
      bounds.push({ bound, value: valueA, clear: clearA });
    }
    i = (suffix?.end ?? b?.end ?? a.end) - 1;
  }
  return bounds;
}

/** Claims exclusions ("-konsultan", "kecuali konsultan perencana") and returns their words. */
function readExclusions(tokens: Token[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (
      t.kind === 'dash' &&
      !t.used &&
      (t.gap || tokens[i - 1]?.kind === 'sep') &&
      next?.kind === 'word' &&
      !next.used &&
      !next.gap
    ) {
      claim(tokens, i, i + 2);
      words.push(keywordWord(next.text) ?? '');
    } else if (EXCLUDE_TRIGGERS.has(wordAt(tokens, i) ?? '')) {
      let j = skipWords(tokens, i + 1, (w) => keywordWord(w) === undefined);
      const start = words.length;
      // The exclusion runs to the next stopword, but "kecuali konsultan dan pengawas" excludes both.
      for (let w = wordAt(tokens, j); w !== undefined; w = wordAt(tokens, ++j)) {
        const kw = keywordWord(w);
        if (kw !== undefined) words.push(kw);
        else if (!['dan', 'atau', 'serta', 'maupun'].includes(w) || !keywordWord(wordAt(tokens, j + 1) ?? '')) break;
      }
      if (words.length > start) claim(tokens, i, j);
    }
  }
  return [...new Set(words.filter((w) => w !== ''))];
}

type InstansiPart = string | InstansiAlias;
interface Instansi {
  label: string;
  words: string[];
}

function instansiOf(parts: InstansiPart[], labelTail: string[] = []): Instansi {
  const title = (w: string): string => (w === 'dan' ? w : w.charAt(0).toUpperCase() + w.slice(1));
  const label = [...parts.map((p) => (typeof p === 'string' ? title(p) : p.label)), ...labelTail.map(title)];
  const words = parts.flatMap((p) => (typeof p === 'string' ? [p] : p.words)).filter((w) => w !== 'dan');
  return { label: label.join(' '), words: [...new Set(words)] };
}

/** True when `word` continues an OPD name after `prev` ("kesehatan"; "pembangunan" only after "perencanaan"). */
function isOpdWord(word: string, prev: InstansiPart | undefined): boolean {
  return INSTANSI_WORDS.has(word) || (INSTANSI_WORD_AFTER.has(word) && INSTANSI_WORD_AFTER.get(word) === prev);
}

/** An OPD named by abbreviation ("dinkes", "satpol pp") or by head and OPD words ("dinas pekerjaan umum"). */
function namedInstansiAt(tokens: Token[], i: number): { instansi: Instansi; end: number } | undefined {
  const alias = matchAt(tokens, i, ALIASES);
  if (alias) {
    let end = alias.end;
    if (alias.value.words.includes('sakit')) while (RSUD_NAME_WORDS.has(wordAt(tokens, end) ?? '')) end++;
    const tail = tokens.slice(alias.end, end).map((t) => t.text);
    return { instansi: instansiOf([alias.value], tail), end };
  }
  const head = wordAt(tokens, i);
  if (!head || !INSTANSI_HEADS.has(head)) return undefined;
  const parts: InstansiPart[] = [head];
  let j = i + 1;
  for (;;) {
    const nextAlias = matchAt(tokens, j, ALIASES);
    if (nextAlias) {
      parts.push(nextAlias.value);
      j = nextAlias.end;
      break; // an abbreviation is a whole name: "dinas pupr jalan" keeps "jalan" as a keyword
    }
    const w = wordAt(tokens, j) ?? '';
    const after = wordAt(tokens, j + 1) ?? '';
    if (
      isOpdWord(w, parts.at(-1)) ||
      (w === 'dan' && parts.length > 1 && (isOpdWord(after, w) || ALIASES.has(after)))
    ) {
      parts.push(w);
      j++;
    } else break;
  }
  return parts.length > 1 ? { instansi: instansiOf(parts), end: j } : undefined;
}

/** An instansi named after "instansi"/"satker" by any words ("satker kecamatan mayangan", "instansi dinkes"). */
function pointedInstansiAt(tokens: Token[], i: number): { instansi: Instansi; end: number } | undefined {
  if (!INSTANSI_POINTERS.has(wordAt(tokens, i) ?? '')) return undefined;
  let j = skipWords(tokens, i + 1, (w) => w === 'di' || w === 'dari');
  const named = namedInstansiAt(tokens, j);
  if (named) return named;
  const words: string[] = [];
  for (let w = wordAt(tokens, j); w !== undefined && keywordWord(w) !== undefined; w = wordAt(tokens, ++j)) {
    words.push(keywordWord(w)!);
  }
  return words.length > 0 ? { instansi: instansiOf(words), end: j } : undefined;
}

/** Claims every instansi phrase; returns the first (criteria hold one). */
function readInstansi(tokens: Token[]): Instansi | undefined {
  let first: Instansi | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const found = namedInstansiAt(tokens, i) ?? pointedInstansiAt(tokens, i);
    if (!found) continue;
    claim(tokens, i, found.end);
    first ??= found.instansi;
    i = found.end - 1;
  }
  return first;
}

/** Claims every phrase of `table` and returns their values in order. */
function readPhrases<T>(tokens: Token[], table: PhraseTable<T>): T[] {
  const values: T[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = matchAt(tokens, i, table);
    if (!m) continue;
    claim(tokens, i, m.end);
    values.push(m.value);
    i = m.end - 1;
  }
  return values;
}

/** Claims kualifikasi phrases and size words after a kualifikasi context ("tender konstruksi kecil"). */
function readKualifikasi(tokens: Token[]): KualifikasiCode | undefined {
  const found = readPhrases(tokens, KUALIFIKASI_PHRASES);
  tokens.forEach((t, i) => {
    const size = KUALIFIKASI_SIZES.get(wordAt(tokens, i) ?? '');
    if (!size) return;
    // Look back past words other passes claimed ("tender [konstruksi] kecil"), stopping at the first free word.
    let k = i - 1;
    while (k > i - 4 && k >= 0 && tokens[k]!.used && !KUALIFIKASI_CONTEXT.has(tokens[k]!.text)) k--;
    if (k >= 0 && tokens[k]!.kind === 'word' && KUALIFIKASI_CONTEXT.has(tokens[k]!.text)) {
      t.used = true;
      found.push(size);
    }
  });
  const distinct = new Set(found);
  return distinct.size === 1 ? found[0] : undefined;
}

/** The unclaimed words as keyword groups: punctuation and "atau" split groups; abbreviations add spelled-out ones. */
function readKeywords(tokens: Token[]): string[][] {
  const groups: string[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'sep' || (t.kind === 'word' && !t.used && GROUP_SPLITTERS.has(t.text))) groups.push([]);
    const w = t.kind === 'word' && !t.used ? keywordWord(t.text) : undefined;
    if (w !== undefined && !groups.at(-1)!.includes(w)) groups.at(-1)!.push(w);
  }
  const seen = new Map<string, string[]>();
  for (const group of groups.filter((g) => g.length > 0)) {
    const expansion = group.length === 1 ? KEYWORD_EXPANSIONS.get(group[0]!) : undefined;
    for (const g of expansion ? [group, [...expansion]] : [group]) if (!seen.has(g.join(' '))) seen.set(g.join(' '), g);
  }
  return [...seen.values()];
}

/**
 * Reads a vendor's request for tender alerts into criteria: keyword groups, exclusions, jenis, kualifikasi, HPS
 * bounds and instansi. A unitless bound ("minimal 500") comes back as `unclearAmount` to confirm; `empty` says the
 * message named nothing to filter on (exclusions alone do not count).
 */
export function parseSubscription(text: string): ParsedSubscription {
  const tokens = tokenize(text);
  const bounds = readBounds(tokens);
  const exclude = readExclusions(tokens);
  const instansi = readInstansi(tokens);
  const jenisFound = new Set(readPhrases(tokens, JENIS));
  const jenis: JenisCode[] = JENIS_CODES.filter((code) => jenisFound.has(code));
  const kualifikasi = readKualifikasi(tokens);
  let criteria: SubscriptionCriteria = { keywords: readKeywords(tokens), exclude };
  if (jenis.length > 0) criteria.jenis = jenis;
  if (kualifikasi) criteria.kualifikasi = kualifikasi;
  if (instansi) criteria.instansi = instansi;
  // The last clear amount of each bound wins: a vendor correcting themselves writes the right one last.
  for (const b of bounds) if (b.clear) criteria = withAmount(criteria, b.bound, b.value);
  const unclear = bounds.find((b) => !b.clear && criteria[b.bound === 'min' ? 'hpsMin' : 'hpsMax'] === undefined);
  const empty =
    criteria.keywords.length === 0 &&
    !criteria.jenis &&
    !criteria.kualifikasi &&
    !criteria.instansi &&
    criteria.hpsMin === undefined &&
    criteria.hpsMax === undefined &&
    !unclear;
  return unclear
    ? { criteria, unclearAmount: { bound: unclear.bound, value: unclear.value }, empty }
    : { criteria, empty };
}

/**
 * Sets the HPS bound the vendor confirmed (after `unclearAmount`, "500 juta?" → "ya") and returns new criteria. A
 * minimum above the maximum swaps the two, reading them as a range written back to front.
 */
export function withAmount(criteria: SubscriptionCriteria, bound: 'min' | 'max', rupiah: number): SubscriptionCriteria {
  if (!Number.isFinite(rupiah) || rupiah <= 0) throw new RangeError(`not an HPS amount: ${rupiah}`);
  const next: SubscriptionCriteria = { ...criteria, [bound === 'min' ? 'hpsMin' : 'hpsMax']: rupiah };
  if (next.hpsMin !== undefined && next.hpsMax !== undefined && next.hpsMin > next.hpsMax) {
    [next.hpsMin, next.hpsMax] = [next.hpsMax, next.hpsMin];
  }
  return next;
}
