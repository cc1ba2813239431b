/** The configuration schema: defaults, one clear line per bad variable, secrets never printed. */
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATABASE_URL: 'var/pintu.sqlite', REDIS_URL: 'redis://127.0.0.1:6379', DEFAULT_LOCALE: 'id', WHATSAPP_ENABLED: false });
    expect(c.USER_RATE_LIMIT).toEqual({ max: 10, duration: 5000 });
    expect(c.LPSE_BASE_URL).toBe('https://spse.inaproc.id/probolinggokota');
  });

  it('parses values and treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '8080', WHATSAPP_ENABLED: '1', OUTBOX_RATE_TELEGRAM: '25/1000', ADMIN_TOKEN: '', DATABASE_URL: 'postgresql://u:p@db/pintu' });
    expect(c).toMatchObject({ PORT: 8080, WHATSAPP_ENABLED: true, OUTBOX_RATE_TELEGRAM: { max: 25, duration: 1000 } });
    expect(c.ADMIN_TOKEN).toBeUndefined();
  });

  it('reports every bad variable on its own line, naming it and what is expected', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'abc', REDIS_URL: 'localhost:6379', USER_RATE_LIMIT: 'ten', TELEGRAM_WEBHOOK_URL: 'https://x.example/tg', TELEGRAM_BOT_TOKEN: 'nope-secret-value' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = error!.problems;
    expect(lines.find((l) => l.startsWith('PORT:'))).toContain('whole number from 0 to 65535');
    expect(lines.find((l) => l.startsWith('REDIS_URL:'))).toContain('redis://');
    expect(lines.find((l) => l.startsWith('USER_RATE_LIMIT:'))).toContain('MAX/MILLISECONDS');
    expect(lines.find((l) => l.startsWith('TELEGRAM_WEBHOOK_SECRET:'))).toContain('required');
    expect(lines.find((l) => l.startsWith('TELEGRAM_BOT_TOKEN:'))).toContain('BotFather');
    expect(error!.message).not.toContain('nope-secret-value');
  });

  it('the ISB tender source needs its dataset URLs, each with {tahun}', () => {
    const problems = (() => {
      try {
        loadConfig({ LPSE_SOURCE: 'isb', LPSE_ISB_SCHEDULES_URL: 'https://isb.example.go.id/jadwal/2026' });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([
      'LPSE_ISB_TENDERS_URL: required when LPSE_SOURCE=isb (the dataset URL with {tahun} where the year goes)',
      'LPSE_ISB_SCHEDULES_URL: needs a {tahun} placeholder where the year goes',
    ]);
    const ok = loadConfig({ LPSE_SOURCE: 'isb', LPSE_ISB_TENDERS_URL: 'https://isb.example.go.id/tender/{tahun}', LPSE_ISB_SCHEDULES_URL: 'https://isb.example.go.id/jadwal/{tahun}', LPSE_ISB_API_KEY: 'rahasia-sekali' });
    expect(ok.LPSE_SOURCE).toBe('isb');
    expect(JSON.stringify(describeConfig(ok))).not.toContain('rahasia-sekali');
  });

  it('never prints secrets or database passwords', () => {
    const shown = describeConfig(loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', ADMIN_TOKEN: 'super-secret-admin-token', DATABASE_URL: 'postgresql://pintu:hunter2@db:5432/pintu' }));
    const all = JSON.stringify(shown);
    expect(all).not.toContain('ABCDEFGHIJ');
    expect(all).not.toContain('super-secret');
    expect(all).not.toContain('hunter2');
    expect(shown.TELEGRAM_BOT_TOKEN).toBe('(set, hidden)');
  });
});
