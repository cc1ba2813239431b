/**
 * Kelurahan and kecamatan of Kota Probolinggo (data/geo/wilayah.csv, Kemendagri codes) found in normalised
 * text, with the spelling variants of data/nlu/area-aliases.json ("kebonsariwetan", "jerebeng kidul",
 * "kedung asem", "poh sangit kidul").
 *
 * Five kecamatan share their name with a kelurahan (Kademangan, Wonoasih, Mayangan, Kanigaran, Kedopok).
 * Such a name after "kecamatan"/"kec." is the kecamatan; otherwise it is read as the kelurahan, the more
 * specific place (its code starts with the kecamatan's, so the kecamatan follows from it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AreaEntity } from '../../core/understanding.js';
import { GEO_DATA_DIR, NLU_DATA_DIR } from '../data-paths.js';

interface Area {
  code: string;
  name: string;
  level: 'kecamatan' | 'kelurahan';
}

interface AliasFile {
  aliases: Record<string, string[]>;
  requiresPrefix: string[];
}

const KELURAHAN_PREFIX = /\b(kelurahan|desa|kampung)\s*$/;
const KECAMATAN_PREFIX = /\bkecamatan\s*$/;

/** Reads the kecamatan and kelurahan rows of the Kemendagri CSV. */
export function loadAreas(file: string = path.join(GEO_DATA_DIR, 'wilayah.csv')): Area[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(',');
  const col = (name: string): number => header.indexOf(name);
  const [kode, nama, level] = [col('kode'), col('nama'), col('level')];
  const out: Area[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const lvl = cells[level];
    if (lvl === 'kecamatan' || lvl === 'kelurahan') out.push({ code: cells[kode]!, name: cells[nama]!, level: lvl });
  }
  return out;
}

function variantPattern(variant: string): string {
  return variant
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/^jrebeng/, 'je?rebeng'))
    .join(' ?');
}

/** The spelling-independent key of a matched name: no spaces, "jerebeng" → "jrebeng". */
function keyOf(text: string): string {
  return text.replace(/\s+/g, '').replace(/^jerebeng/, 'jrebeng');
}

/** Finds kelurahan and kecamatan names in normalised text (one regex pass for all 34 areas). */
export class AreaFinder {
  private readonly re: RegExp;
  private readonly byKey = new Map<string, Area[]>();
  private readonly requiresPrefix: ReadonlySet<string>;
  private readonly kecamatanNames: ReadonlySet<string>;
  private readonly kelurahanNames: ReadonlySet<string>;

  constructor(areas: readonly Area[] = loadAreas()) {
    const aliases = JSON.parse(readFileSync(path.join(NLU_DATA_DIR, 'area-aliases.json'), 'utf8')) as AliasFile;
    this.requiresPrefix = new Set(aliases.requiresPrefix);
    this.kecamatanNames = new Set(areas.filter((a) => a.level === 'kecamatan').map((a) => a.name));
    this.kelurahanNames = new Set(areas.filter((a) => a.level === 'kelurahan').map((a) => a.name));
    const patterns = new Set<string>();
    for (const area of areas) {
      for (const variant of new Set([area.name, ...(aliases.aliases[area.code] ?? [])])) {
        patterns.add(variantPattern(variant));
        const key = keyOf(variant.toLowerCase());
        const list = this.byKey.get(key) ?? [];
        if (!list.includes(area)) list.push(area);
        this.byKey.set(key, list);
      }
    }
    // Longer alternatives first, so "jrebeng kidul" wins over anything shorter at the same place.
    const alternatives = [...patterns].sort((a, b) => b.length - a.length);
    this.re = new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g');
  }

  /** Kelurahan and kecamatan mentioned in `norm`. */
  find(norm: string): { kelurahan: AreaEntity[]; kecamatan: AreaEntity[] } {
    const kelurahan: AreaEntity[] = [];
    const kecamatan: AreaEntity[] = [];
    for (const m of norm.matchAll(this.re)) {
      const before = norm.slice(Math.max(0, m.index - 12), m.index);
      const afterKecamatan = KECAMATAN_PREFIX.test(before);
      const afterKelurahan = KELURAHAN_PREFIX.test(before);
      for (const area of this.byKey.get(keyOf(m[0])) ?? []) {
        if (this.requiresPrefix.has(area.code) && !afterKelurahan) continue;
        // A name shared by a kecamatan and a kelurahan is the kecamatan only after "kecamatan".
        if (area.level === 'kecamatan' && !afterKecamatan && this.kelurahanNames.has(area.name)) continue;
        if (area.level === 'kelurahan' && afterKecamatan && this.kecamatanNames.has(area.name)) continue;
        const list = area.level === 'kelurahan' ? kelurahan : kecamatan;
        if (!list.some((e) => e.code === area.code)) list.push({ text: m[0], code: area.code, name: area.name });
      }
    }
    return { kelurahan, kecamatan };
  }
}
