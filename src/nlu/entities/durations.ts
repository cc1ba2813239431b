/**
 * Durations: "hamil 3 bulan", "usia kandungan 20 minggu", "udh seminggu" (normalised "sudah seminggu"),
 * "selama 2 hari", "1,5 tahun". A count followed by "lalu", "lagi" or "depan" is a date, not a duration.
 */
import type { DurationEntity } from '../../core/understanding.js';
import { numberWord } from './dates.js';

const UNIT_DAYS: Record<DurationEntity['unit'], number> = { hari: 1, minggu: 7, bulan: 30, tahun: 365 };
const DURATION_RE =
  /(?<![a-z\d.,/-])(\d+(?:[.,]\d+)?|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas) ?(hari|minggu|pekan|bulan|tahun)\b(?! (?:yang )?(?:lalu|lagi|depan|kemarin|sebelumnya|kedepan|ke depan|mendatang)\b)/g;

/** Durations in normalised text, in reading order. */
export function extractDurations(norm: string): DurationEntity[] {
  const out: DurationEntity[] = [];
  for (const m of norm.matchAll(DURATION_RE)) {
    const raw = m[1]!;
    const value = /\d/.test(raw) ? Number(raw.replace(',', '.')) : numberWord(raw);
    if (value === undefined || !Number.isFinite(value) || value <= 0 || value > 1000) continue;
    // "se" only counts glued to its unit ("seminggu"), never as a separate word.
    if (raw === 'se' && m[0].includes(' ')) continue;
    const unit: DurationEntity['unit'] = m[2] === 'pekan' ? 'minggu' : (m[2] as DurationEntity['unit']);
    out.push({ text: m[0], value, unit, days: Math.round(value * UNIT_DAYS[unit]) });
  }
  return out;
}
