/** Reply texts: both catalogues complete, placeholders filled, short enough for a phone. */
import { describe, expect, it } from 'vitest';
import { I18n, localeFromHint, MissingTextError } from '../../src/core/i18n.js';

const i18n = new I18n();

describe('locales', () => {
  it('Indonesian and English have the same keys', () => {
    expect(i18n.keys('en').sort()).toEqual(i18n.keys('id').sort());
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(i18n.t('id', 'too_long', { max: 4000 })).toContain('4000 huruf');
    expect(i18n.t('id', 'too_long')).toContain('{max}');
  });

  it('a missing key is a clear error naming the file to fix', () => {
    expect(() => i18n.t('id', 'no.such.key')).toThrow(MissingTextError);
    expect(() => i18n.t('id', 'no.such.key')).toThrow(/locales\/id.json/);
  });

  it('every text fits a phone screen (under 600 characters)', () => {
    for (const locale of ['id', 'en'] as const) for (const k of i18n.keys(locale)) expect(i18n.t(locale, k).length, k).toBeLessThan(600);
  });

  it('picks the locale from a client hint', () => {
    expect(localeFromHint('en-US', 'id')).toBe('en');
    expect(localeFromHint('jv', 'id')).toBe('id');
    expect(localeFromHint(undefined, 'id')).toBe('id');
  });
});
