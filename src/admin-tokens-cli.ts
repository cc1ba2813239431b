/**
 * `pintu admin token …`: creating, listing and revoking the bearer tokens of the admin API and Open311. A token is
 * printed once at creation; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { openDatabase } from './db/orm.js';
import { SqlAdminTokens } from './db/admin-tokens.js';
import { Router } from './features/complaints/routing.js';
import type { AdminScope } from './features/complaints/officer-auth.js';

/** Usage of the admin token commands. */
export const ADMIN_TOKEN_USAGE = `  admin token create --name NAME (--office CODE | --coordinator | --open311)
  admin token list
  admin token revoke ID
`;

/** Runs one `admin token` subcommand; returns the exit code. */
export async function adminTokenCommand(config: Config, args: string[], out: NodeJS.WritableStream): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: 'string' }, office: { type: 'string' }, coordinator: { type: 'boolean' }, open311: { type: 'boolean' } },
  });
  const orm = await openDatabase(config.DATABASE_URL, { poolMax: 1 });
  try {
    const tokens = new SqlAdminTokens(orm);
    if (action === 'create') {
      const scope = scopeFrom(values);
      if (!values.name?.trim()) throw new Error('Give the token a name saying who holds it: --name "Petugas DLH 1".');
      const { id, token } = await tokens.create({ name: values.name.trim(), scope, at: new Date() });
      out.write(`Created token ${id} (${describe(scope)}).\nToken (shown once; store it safely): ${token}\n`);
      return 0;
    }
    if (action === 'list') {
      for (const t of await tokens.list()) out.write(`${t.id}  ${describe(t.scope)}  ${t.name}${t.revokedAt ? '  (revoked)' : ''}\n`);
      return 0;
    }
    if (action === 'revoke' && positionals[0]) {
      const ok = await tokens.revoke(positionals[0], new Date());
      out.write(ok ? `Revoked ${positionals[0]}.\n` : `No active token ${positionals[0]}.\n`);
      return ok ? 0 : 1;
    }
    throw new Error(`Unknown admin token command. Usage:\n${ADMIN_TOKEN_USAGE}`);
  } finally {
    await orm.close(true);
  }
}

function scopeFrom(v: { office?: string; coordinator?: boolean; open311?: boolean }): AdminScope {
  const chosen = [v.office !== undefined, v.coordinator === true, v.open311 === true].filter(Boolean).length;
  if (chosen !== 1) throw new Error('Say exactly one scope: --office CODE, --coordinator or --open311.');
  if (v.coordinator) return { kind: 'coordinator' };
  if (v.open311) return { kind: 'open311' };
  const router = Router.load();
  if (!router.office(v.office!)) throw new Error(`Unknown office "${v.office}"; offices: ${router.allOffices().map((o) => o.code).join(', ')}.`);
  return { kind: 'office', office: v.office! };
}

function describe(scope: AdminScope): string {
  return scope.kind === 'office' ? `office ${scope.office}` : scope.kind;
}
