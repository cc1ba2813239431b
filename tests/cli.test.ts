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
  it('admin token: creates a working office token printed once, refuses unknown offices, lists and revokes', async () => {
    const { mkdirSync, rmSync } = await import('node:fs');
    const { openDatabase } = await import('../src/db/orm.js');
    const { SqlAdminTokens } = await import('../src/db/admin-tokens.js');
    mkdirSync('var/test-db', { recursive: true });
    const file = `var/test-db/cli-${Date.now()}.sqlite`;
    const env = { DATABASE_URL: file };
    try {
      const created = pintu(['admin', 'token', 'create', '--name', 'Petugas DLH', '--office', 'dlh'], { env });
      expect(created.code).toBe(0);
      const token = /pintu_[A-Za-z0-9_-]+/.exec(created.stdout)![0];
      const id = /Created token ([0-9a-f-]{36})/.exec(created.stdout)![1]!;
      const bad = pintu(['admin', 'token', 'create', '--name', 'x', '--office', 'nope'], { env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Unknown office "nope"');
      expect(pintu(['admin', 'token', 'list'], { env }).stdout).toContain('office dlh  Petugas DLH');
      const orm = await openDatabase(file);
      const tokens = new SqlAdminTokens(orm);
      expect(await tokens.verify(token)).toMatchObject({ name: 'Petugas DLH', scope: { kind: 'office', office: 'dlh' } });
      expect(pintu(['admin', 'token', 'revoke', id], { env }).code).toBe(0);
      expect(await tokens.verify(token)).toBeUndefined();
      await orm.close(true);
    } finally {
      rmSync(file, { force: true });
    }
  }, 60_000);

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
