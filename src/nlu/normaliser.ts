/**
 * Turns a resident's chat message into plain, lower-case, standard Indonesian that the classifiers and entity
 * extractors can read: Unicode cleanup, no URLs/HTML/emoji, elongations undone ("parahhhh" → "parah"),
 * number-letter mixes undone ("s4ya" → "saya"), slang, abbreviations and Javanese/Madurese words mapped.
 * Digits and the punctuation inside numbers survive ("12/8/26", "rp 750.000", "pbl-2026-000123").
 */
import { loadLexicon, type Lexicon } from './lexicon.js';
import { indonesianStemmer } from './natural-deps.js';

/** Longer messages are cut here: nobody types more in a chat, and it bounds the work per message. */
export const MAX_INPUT_CHARS = 4000;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** Script and style elements go with their content: it is code, not words. */
const SCRIPT_RE = /<(script|style)\b[^>]{0,300}>[\s\S]{0,5000}?<\/\1\s*>/gi;
const HTML_TAG_RE = /<\/?[a-z!][^<>]{0,300}>/gi;
const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&quot;': '"', '&#39;': "'" };
const HTML_ENTITY_RE = /&(?:amp|lt|gt|nbsp|quot|#39);/g;
// Control and format characters (zero-width joiners, bidi marks) carry no meaning but break matching.
const CONTROL_RE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu;
const COMBINING_MARK_RE = /\p{M}+/gu;
const APOSTROPHES_RE = /[’‘`´ʼ]/g;
const ASCII_RE = /^[\x00-\x7f]*$/;
const ASCII_CONTROL_RE = /[\x00-\x1f\x7f]/g;
/** {@link TOKEN_RE} for ASCII text: the same tokens, without the cost of Unicode property classes. */
const ASCII_TOKEN_RE = /[0-9]+(?:[.,:/-][0-9]+)*|[a-z0-9]+(?:['-][a-z0-9]+)*'?|[^\sa-z0-9]/g;

/** Arabic-script greetings and thanks that residents paste; mapped before non-Latin script is dropped. */
const ARABIC_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/السلام\s*عليكم(?:\s*ورحمة\s*الله(?:\s*وبركاته)?)?/gu, ' assalamualaikum '],
  [/وعليكم\s*السلام/gu, ' waalaikumsalam '],
  [/شكرا|جزاك\s*الله\s*خيرا?/gu, ' terima kasih '],
  [/بسم\s*الله/gu, ' bismillah '],
];

const ARABIC_RE = /[\u0600-\u06ff]/;
const ARABIC_MARKS_RE = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const TOKEN_RE = /\p{N}+(?:[.,:/-]\p{N}+)*|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*'?|[^\s\p{L}\p{N}]/gu;
const LATIN_WORD_RE = /^[a-z0-9'-]+$/;
const NUMBER_RE = /^[0-9]+(?:[.,:/-][0-9]+)*$/;
const KEPT_PUNCTUATION = new Set(['.', ',', '/', ':', ';', '!', '?', '(', ')', '-', '+', '%', '#', '@', '&', '"', "'"]);

/** Letter prefixes glued to a number that are split off ("rp750rb" → "rp 750 rb", "gg3" → "gg 3"). */
const NUMBER_PREFIXES = new Set(['rp', 'gg', 'rt', 'rw', 'no', 'jl', 'jln', 'km', 'nik', 'tgl', 'blok', 'gang', 'sdn', 'smpn', 'sman', 'smkn', 'sd', 'smp', 'sma', 'smk', 'kk']);
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g' };
/** Number units that must survive as written so money and durations can be read ("500 jt", "3 bln"). */
const UNIT_WORDS: Record<string, string> = { rb: 'ribu', rbu: 'ribu', jt: 'juta', jta: 'juta', k: 'ribu' };

const WORD_CACHE_LIMIT = 50_000;

/** Normalises Indonesian chat text. Create one and reuse it: per-word results are cached. */
export class Normaliser {
  private readonly lex: Lexicon;
  private readonly wordCache = new Map<string, string>();
  private readonly spellCache = new Map<string, string>();
  private readonly phraseStarts: ReadonlySet<string>;

  constructor(lexicon: Lexicon = loadLexicon()) {
    this.lex = lexicon;
    this.phraseStarts = new Set([...lexicon.phrases.keys()].map((k) => k.split(' ')[0]!));
  }

  /** The cleaned, case-preserving text the entity extractors read (no control chars, URLs or HTML). */
  clean(text: unknown): string {
    if (typeof text !== 'string' || text.length === 0) return '';
    let s = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
    // Most chat messages are plain ASCII: skip the Unicode passes for them (this runs on every message).
    const ascii = ASCII_RE.test(s);
    if (!ascii) {
      s = s.normalize('NFKC');
      if (ARABIC_RE.test(s)) {
        // Greetings are usually written with harakat (اَلسَّلَامُ عَلَيْكُمْ): drop the vowel marks first.
        s = s.replace(ARABIC_MARKS_RE, '');
        for (const [re, replacement] of ARABIC_PHRASES) s = s.replace(re, replacement);
      }
    }
    s = s.replace(ascii ? ASCII_CONTROL_RE : CONTROL_RE, ' ');
    if (s.includes('<')) s = s.replace(SCRIPT_RE, ' ').replace(HTML_TAG_RE, ' ');
    if (s.includes('&')) s = s.replace(HTML_ENTITY_RE, (m) => HTML_ENTITIES[m] ?? ' ');
    if (s.includes('://') || s.includes('www.')) s = s.replace(URL_RE, ' ');
    if (s.includes('@')) s = s.replace(EMAIL_RE, ' ');
    if (!ascii) {
      s = s.replace(APOSTROPHES_RE, "'");
      // Strip diacritics ("bhâli" → "bhali") but keep the letters.
      s = s.normalize('NFD').replace(COMBINING_MARK_RE, '').normalize('NFC');
    } else if (s.includes('`')) {
      s = s.replace(APOSTROPHES_RE, "'");
    }
    return s.replace(/\s+/g, ' ').trim();
  }

  /** The full normalisation: {@link clean}, lower-case, then word by word repairs and mappings. */
  normalise(text: unknown): string {
    return this.normaliseCleaned(this.clean(text));
  }

  /** {@link normalise} for text that already went through {@link clean} (saves cleaning twice). */
  normaliseCleaned(cleanedText: string): string {
    const cleaned = cleanedText.toLowerCase();
    if (!cleaned) return '';
    const raw = this.tokens(cleaned);
    const out: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const tok = raw[i]!;
      if (!isWordToken(tok)) {
        if (KEPT_PUNCTUATION.has(tok) && out[out.length - 1] !== tok) out.push(tok);
        continue;
      }
      const phrase = this.matchPhrase(raw, i);
      if (phrase) {
        out.push(phrase.value);
        i += phrase.length - 1;
        continue;
      }
      // Abbreviations written with a dot: "jl." "kel." "kec." "dr."
      if (raw[i + 1] === '.') {
        const dotted = this.lex.words.get(`${tok}.`);
        if (dotted !== undefined) {
          out.push(dotted);
          i += 1;
          continue;
        }
      }
      const word = this.word(tok);
      if (word) out.push(word);
    }
    return out.join(' ').replace(/\s+/g, ' ').trim();
  }

  /** Splits cleaned lower-case text into word, number and punctuation tokens, dropping non-Latin words. */
  private tokens(cleaned: string): string[] {
    if (ASCII_RE.test(cleaned)) return cleaned.match(ASCII_TOKEN_RE) ?? [];
    const result: string[] = [];
    for (const m of cleaned.matchAll(TOKEN_RE)) {
      const tok = m[0];
      if (LATIN_WORD_RE.test(tok) || NUMBER_RE.test(tok)) result.push(tok);
      else if (tok.length === 1 && !/[\p{L}\p{N}]/u.test(tok)) result.push(tok);
    }
    return result;
  }

  private matchPhrase(tokens: readonly string[], start: number): { value: string; length: number } | undefined {
    if (!this.phraseStarts.has(this.spelled(tokens[start]!))) return undefined;
    const max = Math.min(this.lex.maxPhraseTokens, tokens.length - start);
    for (let n = max; n >= 2; n--) {
      const parts = tokens.slice(start, start + n);
      if (!parts.every(isWordToken)) continue;
      const value = this.lex.phrases.get(parts.map((p) => this.spelled(p)).join(' '));
      if (value !== undefined) return { value, length: n };
    }
    return undefined;
  }

  /** {@link repairSpelling}, cached. */
  private spelled(tok: string): string {
    let hit = this.spellCache.get(tok);
    if (hit === undefined) {
      hit = this.repairSpelling(tok);
      if (this.spellCache.size >= WORD_CACHE_LIMIT) this.spellCache.clear();
      this.spellCache.set(tok, hit);
    }
    return hit;
  }

  /** One word token, normalised (cached). */
  private word(tok: string): string {
    const hit = this.wordCache.get(tok);
    if (hit !== undefined) return hit;
    const value = this.computeWord(tok);
    if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
    this.wordCache.set(tok, value);
    return value;
  }

  private computeWord(tok: string): string {
    if (NUMBER_RE.test(tok)) return tok;
    const direct = this.lookup(tok);
    if (direct !== undefined) return direct;
    if (/\d/.test(tok)) return this.mixedWord(tok);
    if (tok.includes('-')) return this.hyphenated(tok);
    const repaired = this.spelled(tok);
    return this.lookup(repaired) ?? repaired;
  }

  private lookup(tok: string): string | undefined {
    const direct = this.lex.words.get(tok);
    if (direct !== undefined) return direct;
    if (tok.endsWith("'") && tok.length > 1) {
      const bare = tok.slice(0, -1);
      return this.lex.words.get(bare) ?? (this.isKnown(bare) ? bare : undefined);
    }
    return undefined;
  }

  /** Tokens mixing letters and digits: "rp750rb", "gg3", "anak2", "s4ya", "t4u"; ids like "pbl2026000123" stay. */
  private mixedWord(tok: string): string {
    const glued = /^([a-z]+)(\d+)([a-z]*)$/.exec(tok);
    if (glued) {
      const [, prefix = '', digits = '', suffix = ''] = glued;
      if (NUMBER_PREFIXES.has(prefix) && (suffix === '' || UNIT_WORDS[suffix] !== undefined)) {
        const parts = [this.word(prefix), digits];
        if (suffix) parts.push(UNIT_WORDS[suffix]!);
        return parts.join(' ');
      }
      if (digits === '2' && suffix === '' && prefix.length >= 2) {
        const base = this.word(prefix);
        return base.includes(' ') ? base : `${base}-${base}`;
      }
    }
    const digitCount = tok.replace(/\D/g, '').length;
    if (digitCount <= 3 && /[a-z]/.test(tok) && /^[a-z0-9']+$/.test(tok)) {
      const leet = tok.replace(/\d/g, (d) => LEET[d] ?? d);
      if (!/\d/.test(leet)) {
        const repaired = this.repairSpelling(leet);
        const mapped = this.lookup(repaired);
        if (mapped !== undefined) return mapped;
        if (this.isKnown(repaired)) return repaired;
      }
    }
    return tok;
  }

  private hyphenated(tok: string): string {
    const parts = tok.split('-').filter(Boolean);
    if (parts.length < 2) return this.word(parts[0] ?? '');
    const mapped = parts.map((p) => this.word(p));
    // Reduplication of a mapped word ("org-org" → "orang-orang"); a multi-word mapping stays readable.
    return mapped.some((m) => m.includes(' ')) ? mapped.join(' ') : mapped.join('-');
  }

  /** Undoes elongation: "parahhhh" → "parah", "maaaaf" → "maaf", "pagii" → "pagi"; keeps "saat", "taat". */
  repairSpelling(tok: string): string {
    const hasTriple = /(\p{L})\1\1/u.test(tok);
    if (!hasTriple && (!/(\p{L})\1/u.test(tok) || this.lex.known.has(tok) || this.lex.words.has(tok))) return tok;
    const runs = [...tok.matchAll(/(\p{L})\1+/gu)];
    if (runs.length === 0 || runs.length > 6) return tok.replace(/(\p{L})\1{2,}/gu, '$1');
    const candidates: string[] = [];
    const build = (idx: number, prefix: string, pos: number): void => {
      if (idx === runs.length) {
        candidates.push(prefix + tok.slice(pos));
        return;
      }
      const run = runs[idx]!;
      const at = run.index ?? 0;
      const ch = run[1]!;
      const before = prefix + tok.slice(pos, at);
      build(idx + 1, before + ch + ch, at + run[0].length);
      build(idx + 1, before + ch, at + run[0].length);
    };
    build(0, '', 0);
    candidates.sort((a, b) => b.length - a.length);
    // Exact dictionary words first, so "pagii" → "pagi" rather than a stem-level match on "pagii" itself.
    for (const c of candidates) if (this.lex.known.has(c) || this.lex.words.has(c)) return c;
    for (const c of candidates) if (this.isKnown(c)) return c;
    return hasTriple ? tok.replace(/(\p{L})\1{2,}/gu, '$1') : tok;
  }

  private isKnown(word: string): boolean {
    if (this.lex.known.has(word)) return true;
    const stem = indonesianStemmer.stem(word);
    return stem !== word && this.lex.known.has(stem);
  }
}

/** Tokens are words, numbers or single punctuation characters (see `tokens`). */
function isWordToken(tok: string): boolean {
  if (tok.length > 1) return true;
  const c = tok.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

let shared: Normaliser | undefined;

/** Normalises `text` with a process-wide {@link Normaliser}. */
export function normalise(text: unknown): string {
  shared ??= new Normaliser();
  return shared.normalise(text);
}
