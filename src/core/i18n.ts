/**
 * Reply texts. Every user-facing sentence lives in `locales/<locale>.json` (Indonesian first, English second);
 * code refers to texts by key. A key missing in English falls back to Indonesian.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Languages Pintu answers in. */
export const LOCALES = ['id', 'en'] as const;

/** A locale from {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** Values substituted into `{name}` placeholders. */
export type Vars = Record<string, string | number>;

/** Looks up a text by key in a locale and fills its placeholders. */
export type Translate = (key: string, vars?: Vars) => string;

type Catalogue = Record<string, string>;

/** The project's `locales/` folder. */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

/** Thrown when code asks for a text that no catalogue has: a bug to fix in `locales/`. */
export class MissingTextError extends Error {
  constructor(readonly key: string) {
    super(`No text "${key}" in locales/id.json: add it there (and to locales/en.json).`);
    this.name = 'MissingTextError';
  }
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Catalogue = {}): Catalogue {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (Array.isArray(v)) out[key] = v.join('\n');
    else if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
  }
  return out;
}

/** All catalogues, loaded once from `dir`. */
export class I18n {
  private readonly catalogues = new Map<Locale, Catalogue>();

  constructor(dir: string = LOCALES_DIR) {
    for (const locale of LOCALES) {
      const raw = JSON.parse(readFileSync(`${dir}/${locale}.json`, 'utf8')) as Record<string, unknown>;
      this.catalogues.set(locale, flatten(raw));
    }
  }

  /** The text for `key` in `locale`, with `{placeholders}` filled from `vars`. */
  t(locale: Locale, key: string, vars: Vars = {}): string {
    const text = this.catalogues.get(locale)?.[key] ?? this.catalogues.get('id')?.[key];
    if (text === undefined) throw new MissingTextError(key);
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }

  /** A {@link Translate} bound to one locale. */
  forLocale(locale: Locale): Translate {
    return (key, vars) => this.t(locale, key, vars);
  }

  /** Every key of a locale (tests check both catalogues have the same keys). */
  keys(locale: Locale): string[] {
    return Object.keys(this.catalogues.get(locale) ?? {});
  }
}

/** Picks a supported locale from a client hint such as "en-US"; Indonesian otherwise. */
export function localeFromHint(hint: string | undefined, fallback: Locale): Locale {
  const base = hint?.toLowerCase().split(/[-_]/)[0];
  return base === 'en' || base === 'id' ? base : fallback;
}
