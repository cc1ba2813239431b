/** Phone numbers and NIK never reach the logs in full. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { maskPii, redactSql } from '../../src/observability/mask.js';

describe('maskPii', () => {
  it.each([
    ['hubungi 081234567890 ya', 'hubungi 0812******90 ya'],
    ['wa +62 812-3456-7890', 'wa 6281*******90'],
    ['628123456789@s.whatsapp.net', '6281******89@s.whatsapp.net'],
    ['NIK 3574012345678901 hilang', 'NIK 35**********8901 hilang'],
    ['nik 3574 0123 4567 8901', 'nik 35**********8901'],
  ])('%s', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it('leaves ticket ids, dates, money and short numbers alone', () => {
    const text = 'PBL-2026-000123 tanggal 12/08/2026 Rp 750.000 gang 3 RT 04';
    expect(maskPii(text)).toBe(text);
  });
});

describe('logger', () => {
  it('masks numbers in messages and fields and redacts message text', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('info', sink);
    logger.info({ address: '6281234567890@s.whatsapp.net', text: 'saya hamil 3 bulan', nested: { nik: '3574012345678901' } }, 'from 081234567890');
    const out = lines.join('');
    expect(out).not.toContain('81234567890');
    expect(out).not.toContain('3574012345678901');
    expect(out).not.toContain('hamil');
    expect(out).toContain('[redacted]');
    expect(out).toContain('35**********8901');
  });
});

describe('redactSql', () => {
  it('keeps the driver reason and drops the statement with its values', () => {
    const msg = `insert into conversations (user_id, data) values ('u1', '{"hpht":"2026-05-01","keluhan":"keluar darah"}') - database is locked`;
    expect(redactSql(msg)).toBe('[sql redacted] - database is locked');
    expect(redactSql('Connection is closed.')).toBe('Connection is closed.');
  });

  it('applies to error objects in log lines', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    createLogger('info', sink).error({ err: new Error(`update conversations set data = '{"keluhan":"pendarahan"}' where user_id = 'x' - SQLITE_BUSY`) }, 'failed');
    expect(lines.join('')).not.toContain('pendarahan');
    expect(lines.join('')).toContain('SQLITE_BUSY');
  });
});
