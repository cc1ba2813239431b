/**
 * The migration that added `complaints.first_response_at` fills it from the audit trail on both databases: the
 * first officer step the reporter saw (a reply, or a move past "diterima"), not the resident's own or the system's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../../src/db/orm.js';
import { Sql } from '../../src/db/sql.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';

const BEFORE = 'Migration20261129215156';

describe.each(DIALECTS)('first_response_at backfill (%s)', (dialect) => {
  let db: TestDatabase;
  let orm: MikroORM;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    orm = await openDatabase(db.url, { migrate: false });
    await orm.getMigrator().up({ to: BEFORE });
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('takes the first officer reply or move, skipping the resident and the system', async () => {
    const sql = new Sql(orm);
    const at = (h: number) => sql.date(new Date(Date.UTC(2026, 10, 30, h)));
    const complaint = (id: string, ticket: string) =>
      sql.run(
        'insert into complaints (id, ticket, idempotency_key, source, type, category, description, privacy, office, state, photos, created_at, updated_at, verify_due_at, response_due_at, overdue, reopen_count, supporter_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, ticket, ticket, 'chat', 'pengaduan', 'lampu', 'lampu mati', 'publik', 'dishub', 'diproses', '[]', at(1), at(1), at(20), at(23), false, 0, 0],
      );
    const event = (complaintId: string, seq: number, h: number, actor: string, kind: string, to: string | null, visible = true) =>
      sql.run('insert into complaint_events (id, complaint_id, seq, at, actor, kind, from_state, to_state, note, visible_to_reporter) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        crypto.randomUUID(), complaintId, seq, at(h), actor, kind, null, to, null, visible,
      ]);
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    await complaint(a, 'PBL-2026-000001');
    await event(a, 1, 1, 'resident', 'filed', 'diterima');
    await event(a, 2, 2, 'system', 'escalation', null, false);
    await event(a, 3, 3, 'resident', 'transition', 'dibatalkan');
    await event(a, 4, 4, 'coordinator (Budi)', 'transition', 'terverifikasi');
    await event(a, 5, 5, 'office:dishub (Ani)', 'reply', null);
    await complaint(b, 'PBL-2026-000002');
    await event(b, 1, 1, 'resident', 'filed', 'diterima');
    await orm.getMigrator().up();
    const rows = await sql.all<{ id: string; first_response_at: unknown }>('select id, first_response_at from complaints order by ticket');
    expect(rows.map((r) => (r.first_response_at === null ? null : sql.readDate(r.first_response_at).toISOString()))).toEqual(['2026-11-30T04:00:00.000Z', null]);
  });
});
