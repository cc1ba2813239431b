/**
 * LPSE's schedules on a real Redis: the poll, reminder and digest job schedulers are registered once (WIB for the
 * digest), a worker runs the scheduled round, LPSE_POLL_MINUTES=0 removes the polling schedule, and a failing source
 * is counted by kind in the metrics without stopping anything.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.js';
import { LPSE_QUEUE } from '../../src/jobs/lpse.js';
import { SourceFormatError, SourceUnavailableError } from '../../src/features/lpse/source/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/senders.js';
import { MemorySource, tender } from '../lpse/memory-source.js';

describe('LPSE jobs', () => {
  const clock = new FixedClock('2026-11-30T03:00:00Z');
  const source = new MemorySource();
  let t: TestApp;
  beforeAll(async () => {
    source.listed = [tender('10100001000')];
    t = await startTestApp({ clock, tenderSource: source, workers: true, env: { LPSE_POLL_MINUTES: '1', LPSE_DIGEST_HOUR: '8' } });
  });
  afterAll(async () => t?.dispose());

  it('registers the three schedules and runs the polling round in the worker', async () => {
    const queue = new Queue(LPSE_QUEUE, { connection: t.app.redis, prefix: t.app.config.QUEUE_PREFIX });
    try {
      const schedulers = await queue.getJobSchedulers();
      const byId = Object.fromEntries(schedulers.map((s) => [s.key, s]));
      expect(Object.keys(byId).sort()).toEqual(['lpse-digest', 'lpse-poll', 'lpse-remind']);
      expect(byId['lpse-poll']).toMatchObject({ every: 60_000 });
      expect(byId['lpse-remind']).toMatchObject({ every: 300_000 });
      expect(byId['lpse-digest']).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Jakarta' });
    } finally {
      await queue.close();
    }
    await waitFor(async () => (await t.app.lpse.repo.recentPolls(5)).length > 0, 'the scheduled polling round');
    expect((await t.app.lpse.repo.recentPolls(1))[0]).toMatchObject({ source: 'spse', ok: true, listed: 1 });
    expect(await t.app.metrics.registry.metrics()).toMatch(/pintu_lpse_polls_total\{source="spse",outcome="ok"\} [1-9]/);
  });

  it('counts a failing source by kind and goes on', async () => {
    source.failNext = new SourceFormatError('the list rows have 5 columns', { field: 'DataTables row', location: 'https://spse.inaproc.id/probolinggokota/dt/lelang' });
    const format = await t.app.lpseJobs.pollOnce();
    expect(format.error).toBeInstanceOf(SourceFormatError);
    source.failNext = new SourceUnavailableError('connection refused', { url: 'https://spse.inaproc.id/probolinggokota/lelang' });
    await t.app.lpseJobs.pollOnce();
    const metrics = await t.app.metrics.registry.metrics();
    expect(metrics).toContain('pintu_lpse_polls_total{source="spse",outcome="format"} 1');
    expect(metrics).toContain('pintu_lpse_polls_total{source="spse",outcome="unavailable"} 1');
    expect((await t.app.lpseJobs.pollOnce()).error).toBeUndefined();
  });

  it('LPSE_POLL_MINUTES=0 removes the polling schedule and keeps the others', async () => {
    const other = await startTestApp({ clock, tenderSource: source, workers: true, env: { QUEUE_PREFIX: t.app.config.QUEUE_PREFIX, LPSE_POLL_MINUTES: '0' } });
    const queue = new Queue(LPSE_QUEUE, { connection: other.app.redis, prefix: other.app.config.QUEUE_PREFIX });
    try {
      expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['lpse-digest', 'lpse-remind']);
    } finally {
      await queue.close();
      await other.dispose();
    }
  });
});
