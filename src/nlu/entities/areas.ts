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

interface AreaPattern {
  area: Area;
  re: RegExp;
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

/** Finds kelurahan and kecamatan names in normalised text. */
export class AreaFinder {
  private readonly patterns: AreaPattern[];
  private readonly requiresPrefix: ReadonlySet<string>;

  constructor(areas: readonly Area[] = loadAreas()) {
    const aliases = JSON.parse(readFileSync(path.join(NLU_DATA_DIR, 'area-aliases.json'), 'utf8')) as AliasFile;
    this.requiresPrefix = new Set(aliases.requiresPrefix);
    this.patterns = areas.map((area) => {
      const variants = new Set([area.name, ...(aliases.aliases[area.code] ?? [])]);
      const alternatives = [...variants].map(variantPattern).sort((a, b) => b.length - a.length);
      return { area, re: new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'g') };
    });
    // Longer names first, so "jrebeng kidul" is not also read as something shorter.
    this.patterns.sort((a, b) => b.area.name.length - a.area.name.length);
  }

  /** Kelurahan and kecamatan mentioned in `norm`. */
  find(norm: string): { kelurahan: AreaEntity[]; kecamatan: AreaEntity[] } {
    const kelurahan: AreaEntity[] = [];
    const kecamatan: AreaEntity[] = [];
    const taken: { start: number; end: number; level: Area['level'] }[] = [];
    const hits: { start: number; entity: AreaEntity; level: Area['level'] }[] = [];
    for (const { area, re } of this.patterns) {
      re.lastIndex = 0;
      for (const m of norm.matchAll(re)) {
        const start = m.index;
        const end = start + m[0].length;
        const before = norm.slice(Math.max(0, start - 12), start);
        if (this.requiresPrefix.has(area.code) && !KELURAHAN_PREFIX.test(before)) continue;
        if (area.level === 'kecamatan' && !KECAMATAN_PREFIX.test(before) && this.sharesKelurahanName(area)) continue;
        if (area.level === 'kelurahan' && KECAMATAN_PREFIX.test(before) && this.sharesKecamatanName(area)) continue;
        if (taken.some((t) => start < t.end && end > t.start && t.level === area.level)) continue;
        taken.push({ start, end, level: area.level });
        hits.push({ start, level: area.level, entity: { text: m[0], code: area.code, name: area.name } });
      }
    }
    hits.sort((a, b) => a.start - b.start);
    for (const h of hits) {
      const list = h.level === 'kelurahan' ? kelurahan : kecamatan;
      if (!list.some((e) => e.code === h.entity.code)) list.push(h.entity);
    }
    return { kelurahan, kecamatan };
  }

  private sharesKelurahanName(area: Area): boolean {
    return this.patterns.some((p) => p.area.level === 'kelurahan' && p.area.name === area.name);
  }

  private sharesKecamatanName(area: Area): boolean {
    return this.patterns.some((p) => p.area.level === 'kecamatan' && p.area.name === area.name);
  }
}
