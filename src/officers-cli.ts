/**
 * `pintu admin add`: creates an officer's dashboard account and prints its one-time password once. The officer
 * signs in at /admin/login with it and must choose a new password before anything else.
 */
import { parseArgs } from 'node:util';
import type { Config } from './config.js';
import { openDatabase } from './db/orm.js';
import { isOfficerRole, OFFICER_ROLES, SqlOfficerStore, type OfficerRole } from './db/officer-store.js';
import { hashPassword, oneTimePassword } from './features/officers/passwords.js';
import { Router } from './features/complaints/routing.js';

/** Usage of the account commands. */
export const OFFICER_USAGE = `  admin add --role ROLE --name USERNAME [--office CODE] [--puskesmas NAME] [--display "Nama"]
                 a dashboard account (roles: ${OFFICER_ROLES.join(', ')}); prints a one-time password once
`;

/** Login names: lower-case letters, digits, ".", "_" and "-", 3–64 characters, starting with a letter or digit. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** A validated `admin add` request. */
interface AddRequest {
  username: string;
  displayName: string;
  role: OfficerRole;
  office?: string;
  puskesmas?: string;
}

/** Checks the options of `admin add`; throws an error saying what to fix. */
function addRequest(values: { role?: string; name?: string; office?: string; puskesmas?: string; display?: string }, router: () => Router): AddRequest {
  const role = values.role?.trim();
  if (!role || !isOfficerRole(role)) throw new Error(`Say the account's role: --role ${OFFICER_ROLES.join('|')}.`);
  const username = values.name?.trim().toLowerCase() ?? '';
  if (!USERNAME.test(username)) {
    throw new Error('Give a username with --name: 3–64 lower-case letters, digits, ".", "_" or "-", e.g. --name budi.pupr.');
  }
  const displayName = values.display?.trim() || username;
  if (displayName.length > 200) throw new Error('--display is at most 200 characters.');
  const office = values.office?.trim();
  const puskesmas = values.puskesmas?.trim();

  if (role === 'office') {
    if (!office) throw new Error('An office account needs its office: --office CODE (a code from data/complaints/routing.json).');
    const r = router();
    if (!r.office(office)) throw new Error(`Unknown office "${office}"; offices: ${r.allOffices().map((o) => o.code).join(', ')}.`);
  } else if (office !== undefined) {
    throw new Error(`--office applies only to --role office; a ${role} account has no office. Leave it out.`);
  }
  if (role === 'midwife') {
    if (!puskesmas) throw new Error('A midwife account needs her puskesmas: --puskesmas "Puskesmas Kanigaran".');
    if (puskesmas.length > 100) throw new Error('--puskesmas is at most 100 characters.');
  } else if (puskesmas !== undefined) {
    throw new Error(`--puskesmas applies only to --role midwife; a ${role} account has no puskesmas. Leave it out.`);
  }
  return { username, displayName, role, ...(office ? { office } : {}), ...(puskesmas ? { puskesmas } : {}) };
}

function describe(r: AddRequest): string {
  return r.role === 'office' ? `office ${r.office}` : r.role === 'midwife' ? `midwife, ${r.puskesmas}` : r.role;
}

/**
 * Runs `admin add` with `args` (the words after `admin add`), writing to `out`; returns the exit code. Invalid
 * options and taken usernames throw errors that say what to fix. `opts.router` replaces the shipped routing table
 * and `opts.now` the clock (tests).
 */
export async function officerAddCommand(config: Config, args: string[], out: NodeJS.WritableStream, opts: { router?: Router; now?: Date } = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, office: { type: 'string' }, puskesmas: { type: 'string' }, display: { type: 'string' } },
  });
  if (positionals.length) throw new Error(`Unexpected "${positionals.join(' ')}". Usage:\n${OFFICER_USAGE}`);
  const request = addRequest(values, () => opts.router ?? Router.load());
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const at = opts.now ?? new Date();

  const orm = await openDatabase(config.DATABASE_URL, { poolMax: 1 });
  try {
    const store = new SqlOfficerStore(orm);
    const account = await store.createAccount({ ...request, passwordHash, mustChangePassword: true, at });
    await store.appendAudit({
      at,
      action: 'account_created',
      target: account.username,
      detail: { accountId: account.id, role: account.role, office: account.office, puskesmas: account.puskesmas, by: 'cli' },
    });
    out.write(
      `Created account ${account.username} (${describe(request)}) for "${account.displayName}".\n` +
        `One-time password (shown once; hand it over in person): ${password}\n` +
        'The officer signs in at /admin/login and must choose a new password first.\n',
    );
    return 0;
  } finally {
    await orm.close(true);
  }
}
