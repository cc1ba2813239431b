/**
 * 16-digit NIK (Nomor Induk Kependudukan) numbers, detected so callers can mask them; never echo one back.
 * Written plain or in groups ("3574 0112 3456 0001"). Checked for a plausible province code and birth date.
 */

const NIK_RE = /(?<![\d])(\d{4})[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{4})(?![\d])/g;

/** A NIK found in text: its 16 digits and where it was written. */
export interface NikMatch {
  nik: string;
  start: number;
  end: number;
}

function plausible(nik: string): boolean {
  const province = Number(nik.slice(0, 2));
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  // Women's NIK add 40 to the day of birth.
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  return province >= 11 && province <= 96 && dayOk && month >= 1 && month <= 12;
}

/** NIK numbers in `text` with their positions. */
export function findNiks(text: string): NikMatch[] {
  const out: NikMatch[] = [];
  for (const m of text.matchAll(NIK_RE)) {
    const nik = m.slice(1, 7).join('');
    if (nik.length === 16 && plausible(nik)) out.push({ nik, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The distinct NIK numbers in `text`. */
export function extractNiks(text: string): string[] {
  return [...new Set(findNiks(text).map((m) => m.nik))];
}
