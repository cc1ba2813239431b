/** The real IsbClient over HTTP against the local fake ISB API serving the real Kab. Bandung datasets. */
import { afterEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { SourceFormatError, SourceUnavailableError } from '../../src/features/lpse/source/errors.js';
import { IsbClient, endpointTemplate } from '../../src/features/lpse/source/isb-client.js';
import { startFakeIsb, type FakeIsb, type FakeIsbOptions } from './fake-isb-server.js';

const PAUSE_MS = 20;
let fake: FakeIsb | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeIsbOptions = {}) {
  fake = await startFakeIsb(options);
  const client = new IsbClient({
    endpoints: {
      tenders: endpointTemplate(`${fake.origin}/isb/tender/{tahun}`),
      schedules: endpointTemplate(`${fake.origin}/isb/jadwal/{tahun}`),
      nonTenders: endpointTemplate(`${fake.origin}/isb/nontender/{tahun}`),
    },
    headers: { 'X-Api-Key': 'test-key' },
    pauseMs: PAUSE_MS,
    maxRetries: 1,
    backoffBaseMs: 10,
    // The datasets' snapshot day (_event_date 2025-10-03), 10:00 WIB.
    clock: new FixedClock('2025-10-03T03:00:00Z'),
  });
  return { fake, client };
}

function expectPolite(f: FakeIsb): void {
  expect(f.maxConcurrent).toBe(1);
  for (let i = 1; i < f.requests.length; i++) {
    expect(f.requests[i]!.startedAt - f.requests[i - 1]!.endedAt).toBeGreaterThanOrEqual(PAUSE_MS - 1);
  }
}

describe('IsbClient', () => {
  it('lists the running tenders and non-tenders of a year, with deadlines and the current stage', async () => {
    const { fake, client } = await setup();
    const open = await client.listOpen(2025);
    expect(open.filter((t) => t.kind === 'tender')).toHaveLength(9);
    expect(open.filter((t) => t.kind === 'nontender')).toHaveLength(10);
    expect(open.every((t) => t.source === 'isb')).toBe(true);
    expect(open.find((t) => t.kode === '10088019000')).toMatchObject({
      name: 'Rehab Kantor Wakil Bupati',
      tahap: 'Download dokumen pemilihan dan kualifikasi',
      hps: 899_369_196.4,
      hpsExact: true,
      registrationDeadline: new Date('2025-10-09T05:00:00Z'),
      uploadDeadline: new Date('2025-10-09T05:00:00Z'),
    });
    expect(fake.requests.map((r) => r.path)).toEqual(['/isb/tender/2025', '/isb/jadwal/2025', '/isb/nontender/2025']);
    expect(fake.requests.every((r) => r.headers['x-api-key'] === 'test-key')).toBe(true);
    expectPolite(fake);
  });

  it('follows cursor pages of the gateway envelope', async () => {
    const { fake, client } = await setup({ mode: 'envelope', pageSize: 500 });
    expect(await client.listOpen(2025)).toHaveLength(19);
    // 92 tenders: 1 page; 1428 stages: 3 pages; 32 non-tenders: 1 page.
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/isb/tender/2025',
      '/isb/jadwal/2025',
      '/isb/jadwal/2025?cursor=500',
      '/isb/jadwal/2025?cursor=1000',
      '/isb/nontender/2025',
    ]);
    expectPolite(fake);
  });

  it('gives the detail of a loaded package, and loads the current year for an unknown one', async () => {
    const { fake, client } = await setup();
    const detail = await client.detail('10087639000');
    expect(detail).toMatchObject({ kode: '10087639000', uploadDeadline: new Date('2025-10-09T07:00:00Z') });
    expect(detail.schedule).toHaveLength(12);
    const before = fake.requests.length;
    await expect(client.detail('99999999999')).rejects.toThrow(SourceUnavailableError);
    // 2025 is loaded already; only 2024 had to be fetched.
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/isb/tender/2024', '/isb/jadwal/2024', '/isb/nontender/2024']);
  });

  it('reports an HTML answer as SourceFormatError and a refusal as SourceUnavailableError', async () => {
    const html = await setup({ mode: 'html' });
    await expect(html.client.listOpen(2025)).rejects.toThrow(SourceFormatError);
    await expect(html.client.listOpen(2025)).rejects.toThrow(/expected JSON but got an HTML page.*dataset URL/);
    await html.fake.close();
    const refused = await setup({ mode: 'refuse' });
    await expect(refused.client.listOpen(2025)).rejects.toThrow(/ISB API refused: Service unavailable/);
  });

  it('asks for a {tahun} placeholder in templates', () => {
    expect(() => endpointTemplate('https://isb.example/tender')).toThrow(/\{tahun\}/);
    expect(endpointTemplate('https://isb.example/p/{tahun}:D107')(2026)).toBe('https://isb.example/p/2026:D107');
  });
});
