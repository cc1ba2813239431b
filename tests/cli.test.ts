/** The `pintu` command as operators run it: a separate process, stdout kept clean for pipes. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function pintu(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const res = spawnSync(process.execPath, ['bin/pintu.js', ...args], {
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...opts.env },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('pintu', () => {
  it('nlu: one JSON line out per line in, nothing else on stdout', () => {
    const input = ['{"text": "halo min"}', '{"text": "lampu pju di gg 3 mati udh seminggu"}', 'not json', '{"text": ""}'].join('\n');
    const { code, stdout } = pintu(['nlu'], { input });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ intent: 'greeting', confidence: expect.any(Number), entities: expect.any(Object) });
    expect(lines[1]).toMatchObject({ intent: 'complaint.file' });
    expect(lines[2]).toHaveProperty('error');
    expect(lines[3]).toHaveProperty('intent');
  }, 60_000);

  it('config: prints the configuration with secrets hidden', () => {
    const { code, stdout } = pintu(['config'], { env: { ADMIN_TOKEN: 'very-secret-admin-token', DATABASE_URL: 'postgresql://pintu:hunter2@db/pintu' } });
    expect(code).toBe(0);
    expect(stdout).toContain('ADMIN_TOKEN=(set, hidden)');
    expect(stdout).toContain('PORT=3000');
    expect(stdout).not.toContain('very-secret');
    expect(stdout).not.toContain('hunter2');
  }, 60_000);

  it('a bad configuration stops start-up with one line per problem and exit code 2', () => {
    const { code, stderr } = pintu(['start'], { env: { PORT: 'abc', REDIS_URL: 'nope' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/- PORT: /);
    expect(stderr).toMatch(/- REDIS_URL: /);
  }, 60_000);

  it('an unknown command prints the usage and exits 2', () => {
    const { code, stderr } = pintu(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: pintu');
  }, 60_000);
});
