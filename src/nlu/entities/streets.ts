/**
 * Street names after "jl.", "jln", "jalan": "jl. mastrip" → "Jalan Mastrip", "jl soekarno hatta" →
 * "Jalan Soekarno Hatta". "jalan" written out is also the common noun ("jalan rusak", "jalan depan sdn"), so
 * after it a name must look like one: capitalised, not an everyday word, or a word streets are named after.
 */
import { isDictionaryWord } from './dictionary.js';

const PREFIX_RE = /(?<![\p{L}\p{N}])(jl|jln|jlan|jalan)(?![\p{L}\p{N}])\.?\s*/giu;
const TOKEN_RE = /^\s*([\p{L}][\p{L}'-]*\.?|\d+[a-z]?)(?=\s|$|[,;:!?()])/u;

const STOP_WORDS = new Set([
  'di', 'ke', 'dari', 'depan', 'dekat', 'deket', 'dkt', 'samping', 'sebelah', 'belakang', 'seberang', 'mati',
  'rusak', 'yang', 'yg', 'gang', 'gg', 'no', 'nomor', 'rt', 'rw', 'kel', 'kelurahan', 'kec', 'kecamatan', 'sudah',
  'udh', 'udah', 'arah', 'menuju', 'sampai', 'dan', 'atau', 'sekitar', 'kota', 'probolinggo', 'itu', 'ini', 'pas',
  'tepat', 'tidak', 'gak', 'ga', 'belum', 'blm', 'min', 'pak', 'bu', 'kak', 'mas', 'mbak', 'tolong', 'lagi',
  'sering', 'banyak', 'bnyk', 'ada', 'juga', 'ya', 'kok', 'sih', 'nih', 'dong', 'mohon', 'semua', 'sekarang',
  'menuju', 'ujung', 'pojok', 'perempatan', 'pertigaan', 'simpang', 'lampu', 'mulai', 'kemarin', 'tadi', 'rawan',
]);

/** Dictionary words that streets in Indonesian towns are commonly named after. */
const STREET_NAME_WORDS = new Set([
  'pahlawan', 'veteran', 'merdeka', 'pemuda', 'panglima', 'pelabuhan', 'kapten', 'gubernur', 'gajah', 'ikan',
  'mawar', 'melati', 'anggrek', 'kenanga', 'cempaka', 'dahlia', 'teratai', 'nangka', 'mangga', 'durian', 'sawo',
  'salak', 'jeruk', 'kelapa', 'pisang', 'kenari', 'cendana', 'manggis', 'rambutan', 'jambu', 'belimbing', 'delima',
  'kemuning', 'seroja', 'kamboja', 'flamboyan', 'raya', 'cokroaminoto', 'diponegoro', 'kartini', 'sudirman',
  'brantas', 'semeru', 'bromo', 'hatta', 'yani', 'tidar', 'slamet', 'imam', 'sunan', 'wahid', 'mayor', 'rahmat',
  'siaman', 'ketapang', 'pilang', 'kidul', 'lor', 'wetan', 'kulon', 'jati',
]);
const TITLES: Record<string, string> = { 'dr.': 'Dr.', dr: 'Dr.', 'kh.': 'KH.', kh: 'KH.', 'h.': 'H.', 'ir.': 'Ir.', 'prof.': 'Prof.' };

function titleCase(word: string): string {
  const title = TITLES[word.toLowerCase()];
  if (title) return title;
  return word
    .toLowerCase()
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('-');
}

function looksLikeName(raw: string, strict: boolean): boolean {
  const word = raw.toLowerCase().replace(/\.$/, '');
  if (STOP_WORDS.has(word)) return false;
  if (TITLES[raw.toLowerCase()]) return true;
  if (!strict) return true;
  if (/^\d/.test(word)) return false;
  const capitalised = /^\p{Lu}/u.test(raw);
  return capitalised || STREET_NAME_WORDS.has(word) || !isDictionaryWord(word);
}

/** Street names ("Jalan Mastrip") in cleaned (case-preserving) text, in reading order, without duplicates. */
export function extractStreets(clean: string): string[] {
  const out: string[] = [];
  for (const m of clean.matchAll(PREFIX_RE)) {
    const abbreviated = m[1]!.toLowerCase() !== 'jalan';
    let rest = clean.slice(m.index + m[0].length);
    const words: string[] = [];
    while (words.length < 5) {
      const t = TOKEN_RE.exec(rest);
      if (!t) break;
      const token = t[1]!;
      // The first word after a written-out "jalan" must look like a name; later words too, unless numbers.
      const strict = !abbreviated || words.length > 0;
      if (/^\d/.test(token)) break;
      if (!looksLikeName(token, strict)) break;
      words.push(token);
      rest = rest.slice(t[0].length);
    }
    // "jalan raya" alone is the common noun "main road".
    if (words.length === 0 || (words.length === 1 && words[0]!.toLowerCase() === 'raya')) continue;
    const name = `Jalan ${words.map(titleCase).join(' ')}`;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
