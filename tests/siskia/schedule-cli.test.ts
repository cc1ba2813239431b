/** `pintu siskia schedule` as operators run it: a separate process, exit code 2 and stderr for bad input. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function pintu(args: string[]) {
  const res = spawnSync(process.execPath, ['bin/pintu.js', 'siskia', 'schedule', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('pintu siskia schedule', () => {
  it('prints HPL and gestational age at the top, then one Indonesian line per ANC visit', () => {
    const { code, stdout, stderr } = pintu(['--hpht', '2026-03-01', '--today', '2026-05-13']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5).join('\n')).toContain('HPL: Minggu, 6 Desember 2026');
    expect(lines.slice(0, 5).join('\n')).toContain('Usia kehamilan: 10 minggu 3 hari');
    const visitLines = lines.filter((l) => /^ {2}K\d/.test(l));
    expect(visitLines).toHaveLength(6);
    expect(visitLines[1]).toMatch(/^ {2}K2 {2}Minggu, 21 Juni 2026 — /);
    expect(visitLines[1]).toContain('rentang Minggu, 31 Mei 2026 s.d. Sabtu, 22 Agustus 2026');
    expect(visitLines[0]).toContain('terlambat');
  }, 60_000);

  it('--json prints the schedule as one JSON object; --birth alone plans the mother and the baby', () => {
    const { code, stdout } = pintu(['--birth', '2026-01-31', '--today', '2026-02-10', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { version: string; children: unknown[]; visits: { code: string; due: string }[]; next: { code: string }[] };
    expect(out.version).toBe('2026.1');
    expect(out.children).toEqual([{ childId: 'anak-1', birth: '2026-01-31' }]);
    expect(out.visits.find((v) => v.code === 'BCG')?.due).toBe('2026-02-28');
    expect(out.visits.find((v) => v.code === 'KF4')?.due).toBe('2026-03-01');
    expect(out.next.map((v) => v.code)).toEqual(['KF3', 'KN3', 'BCG']);
  }, 60_000);

  it('bad arguments exit 2 with a clear message on stderr', () => {
    const future = pintu(['--hpht', '2026-06-01', '--today', '2026-05-13']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('HPHT 2026-06-01 is after today (2026-05-13)');
    expect(future.stdout).toBe('');
    const impossible = pintu(['--hpht', '2026-02-31']);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('--hpht "2026-02-31" is not a real date');
    const nothing = pintu([]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('give --hpht, --hpl or --birth');
  }, 60_000);
});
