/**
 * Landmarks residents use to say where something is: "depan masjid", "dekat SDN Jrebeng Kidul 2",
 * "alun-alun", "stasiun", "terminal", "pasar", "kantor kelurahan". Returned as display names
 * ("SDN Jrebeng Kidul 2", "Masjid Al-Ikhlas", "Alun-Alun"), read from normalised text.
 */
import { isDictionaryWord } from './dictionary.js';

/** Landmark head words (normalised); two-word heads are listed with their space. */
const HEADS = [
  'rumah sakit', 'pom bensin', 'pos ronda', 'lampu merah', 'balai kota', 'balai desa', 'kantor pos', 'alun-alun',
  'masjid', 'musholla', 'mushola', 'musala', 'langgar', 'gereja', 'klenteng', 'pura', 'sdn', 'sd', 'smpn', 'smp',
  'sman', 'sma', 'smkn', 'smk', 'mi', 'mts', 'sekolah', 'madrasah', 'pondok', 'pesantren', 'ponpes', 'kampus',
  'universitas', 'puskesmas', 'pustu', 'posyandu', 'rsud', 'klinik', 'apotek', 'pasar', 'stasiun', 'terminal',
  'pelabuhan', 'kantor', 'balai', 'spbu', 'indomaret', 'alfamart', 'makam', 'kuburan', 'tpu', 'jembatan',
  'lapangan', 'taman', 'bundaran', 'tugu', 'museum', 'gor', 'stadion', 'polsek', 'polres', 'koramil', 'kodim',
  'bank', 'hotel', 'mall', 'plaza', 'pertigaan', 'perempatan', 'gapura', 'pabrik', 'kelenteng',
];
const ACRONYMS = new Set(['sdn', 'sd', 'smpn', 'smp', 'sman', 'sma', 'smkn', 'smk', 'mi', 'mts', 'rsud', 'spbu', 'tpu', 'gor', 'bri', 'bni', 'btn', 'rs', 'man', 'min']);
/** Dictionary words that still belong to a landmark's name after its head ("kantor kelurahan", "sdn jati 1"). */
const NAME_WORDS = new Set([
  'kelurahan', 'kecamatan', 'pos', 'polisi', 'camat', 'lurah', 'dinas', 'walikota', 'pemkot', 'pajak', 'kota', 'desa',
  'rw', 'kidul', 'lor', 'wetan', 'kulon', 'jati', 'ketapang', 'pilang', 'baru', 'besar', 'agung', 'raya', 'umum',
  'negeri', 'islam', 'muhammadiyah', 'kristen', 'katolik', 'ikhlas', 'taqwa', 'huda', 'jami', 'tembaga', 'tanjung',
  'probolinggo', 'kanigaran', 'mayangan', 'wonoasih', 'kademangan', 'kedopok', 'saleh', 'rozy', 'gotong', 'royong',
]);
const STOP = new Set([
  'di', 'ke', 'dari', 'yang', 'dan', 'atau', 'itu', 'ini', 'sudah', 'belum', 'tidak', 'rusak', 'mati', 'banget',
  'ada', 'dekat', 'depan', 'samping', 'sebelah', 'belakang', 'seberang', 'jalan', 'gang', 'admin', 'pak', 'bu',
]);

// ASCII boundaries: the text is normalised lower-case Latin, and \\p{…} classes would cost on every message.
const HEAD_RE = new RegExp(`(?<![a-z0-9-])(${HEADS.join('|')})(?![a-z0-9-])`, 'g');

function display(word: string): string {
  if (ACRONYMS.has(word)) return word.toUpperCase();
  return word
    .split('-')
    .map((p) => (p.startsWith('al') && p.length === 2 ? 'Al' : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('-');
}

/** Landmarks in normalised text, in reading order, without duplicates. */
export function extractLandmarks(norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(HEAD_RE)) {
    const words = m[1]!.split(' ');
    // Names are a few words long: look at a short window, not the rest of a long message.
    const rest = norm.slice(m.index + m[0].length, m.index + m[0].length + 80).split(' ').filter(Boolean);
    for (const token of rest) {
      if (words.length >= 6 || STOP.has(token)) break;
      if (/^\d{1,3}$/.test(token)) {
        words.push(token);
        continue;
      }
      if (!/^[a-z][a-z'-]*$/.test(token)) break;
      if (NAME_WORDS.has(token) || !isDictionaryWord(token)) words.push(token);
      else break;
    }
    const name = words.map(display).join(' ');
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
