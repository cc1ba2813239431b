/** Dashboard accounts and sign-in for tests: an officer made directly in the store, a session cookie via HTTP. */
import type { MikroORM } from '@mikro-orm/core';
import type { FastifyInstance } from 'fastify';
import { SqlOfficerStore } from '../../src/db/officer-store.js';
import type { OfficerRole } from '../../src/features/officers/model.js';
import { hashPassword } from '../../src/features/officers/passwords.js';

/** Creates a dashboard account with a known password. */
export async function createOfficer(
  orm: MikroORM,
  username: string,
  role: OfficerRole,
  password: string,
  extra: { office?: string; puskesmas?: string; mustChange?: boolean } = {},
): Promise<void> {
  await new SqlOfficerStore(orm).createAccount({
    username,
    displayName: username.toUpperCase(),
    role,
    ...(extra.office && { office: extra.office }),
    ...(extra.puskesmas && { puskesmas: extra.puskesmas }),
    passwordHash: await hashPassword(password),
    mustChangePassword: extra.mustChange ?? false,
    at: new Date(),
  });
}

/** Signs in through the real login form (its CSRF token and cookie) and returns the session cookie header. */
export async function signInCookie(http: FastifyInstance, username: string, password: string): Promise<string> {
  const form = await http.inject({ method: 'GET', url: '/admin/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (!csrf) throw new Error('The login form has no CSRF field.');
  const res = await http.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { cookie: form.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
  });
  const session = res.cookies.find((c) => c.name === 'pintu_admin');
  if (!session) throw new Error(`Signing in as ${username} failed with ${res.statusCode}.`);
  return `pintu_admin=${session.value}`;
}
