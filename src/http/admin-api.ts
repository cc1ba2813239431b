/**
 * The officers' JSON API under `/admin/api/`: list and read complaints with their audit trail, and act on them
 * (verify, dispose, change state, reply, mark as duplicate). Every change goes through {@link ComplaintService},
 * which enforces the state machine, the notes final states need, and the office scope.
 *
 * Authentication: `Authorization: Bearer <token>`, compared in constant time. The environment's `ADMIN_TOKEN`
 * acts as the city coordinator; any other token must be an officer token of the {@link AdminTokenStore}. A
 * coordinator token sees every office; an office token sees only the tickets currently with its office, and
 * another office's ticket answers 404 with exactly the body of a ticket that does not exist, so an office token
 * cannot probe which ticket ids exist. Open311 client tokens are valid tokens but not officer tokens: 403.
 * Missing or unknown tokens: 401 with `WWW-Authenticate: Bearer`.
 *
 * Privacy: the reporter's contact (channel address, user id, e-mail) is shown to the coordinator only. Office
 * officers see the channel and the name an Open311 submitter left, and for `rahasia` reports nothing at all
 * ("reporter hidden"). Logs name the ticket, the action and the token id, never reporter data or free text.
 *
 * Errors are JSON `{ error, message, ... }`: `error` is a short code, `message` says what to do; 400 bodies add
 * `details: [{ field, problem }]`, 409 bodies for illegal moves add `allowed: [states]`.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { COMPLAINT_CATEGORIES } from '../core/understanding.js';
import type { Actor, ComplaintService, TransitionRequest } from '../features/complaints/complaint-service.js';
import { STATES, type Complaint, type ComplaintEvent, type Supporter } from '../features/complaints/model.js';
import type { AdminScope, AdminTokenStore } from '../features/complaints/officer-auth.js';
import { TransitionError } from '../features/complaints/states.js';
import { parseTicket } from '../features/complaints/ticket-id.js';
import { loadCityMap, type CityMap } from '../geo/city-map.js';
import { bearerToken, sameSecret } from './bearer-auth.js';
import { HttpProblem, problemOf } from './http-problem.js';
import { commaList, intParam, isoInstant, parseOrProblem } from './validation.js';
import { isoWib } from './wib-time.js';

/** What the admin API needs. */
export interface AdminApiDeps {
  service: ComplaintService;
  tokens: Pick<AdminTokenStore, 'verify'>;
  /** The environment's `ADMIN_TOKEN`: the city coordinator. Without it only stored officer tokens work. */
  adminToken?: string;
  clock: Clock;
  logger: Logger;
  /** Resolves `?kelurahan=` names to codes (default: the shipped city map). */
  map?: CityMap;
}

/** An authenticated officer: the coordinator or one office. */
export interface AdminOfficer {
  /** The token's id (`env:ADMIN_TOKEN` for the environment's token), for logs; never the token. */
  id: string;
  /** The token's holder, written into the audit trail. */
  name: string;
  scope: Exclude<AdminScope, { kind: 'open311' }>;
}

/** The coordinator that the environment's `ADMIN_TOKEN` stands for. */
const ENV_COORDINATOR: AdminOfficer = { id: 'env:ADMIN_TOKEN', name: 'ADMIN_TOKEN', scope: { kind: 'coordinator' } };

const REALM = 'Bearer realm="pintu-admin"';

/** Who reported, as much as the officer may see. */
type ReporterView =
  | { visibility: 'full'; userId?: string; channel?: string; address?: string; locale?: string; name?: string; email?: string }
  | { visibility: 'limited'; channel?: string; name?: string }
  | { visibility: 'hidden'; note: 'reporter hidden' };

/**
 * The reporter as `officer` may see them: everything for the coordinator; channel and name for an office
 * officer; nothing for an office officer on a `rahasia` report.
 */
function reporterView(c: Complaint, officer: AdminOfficer): ReporterView {
  if (officer.scope.kind === 'coordinator') {
    const r = c.reporter;
    return { visibility: 'full', userId: r?.userId, channel: r?.channel, address: r?.address, locale: r?.locale, name: c.reporterName, email: c.reporterEmail };
  }
  if (c.privacy === 'rahasia') return { visibility: 'hidden', note: 'reporter hidden' };
  return { visibility: 'limited', channel: c.reporter?.channel, name: c.reporterName };
}

/**
 * A complaint as the admin API shows it. Fields are listed one by one (not spread), so a field added to
 * {@link Complaint} later is not published by accident.
 */
function complaintView(c: Complaint, officer: AdminOfficer, officeName: (code: string) => string) {
  return {
    ticket: c.ticket,
    type: c.type,
    category: c.category,
    description: c.description,
    location: c.location,
    photos: c.photos,
    incidentDate: c.incidentDate,
    privacy: c.privacy,
    source: c.source,
    office: c.office,
    officeName: officeName(c.office),
    state: c.state,
    stateNote: c.stateNote,
    duplicateOf: c.duplicateOf,
    referredTo: c.referredTo,
    createdAt: isoWib(c.createdAt),
    updatedAt: isoWib(c.updatedAt),
    verifyDueAt: isoWib(c.verifyDueAt),
    responseDueAt: isoWib(c.responseDueAt),
    respondedAt: isoWib(c.respondedAt),
    resolvedAt: isoWib(c.resolvedAt),
    closedAt: isoWib(c.closedAt),
    overdue: c.overdue,
    escalatedAt: isoWib(c.escalatedAt),
    rating: c.rating,
    reopenCount: c.reopenCount,
    supporterCount: c.supporterCount,
    reporter: reporterView(c, officer),
  };
}

function eventView(e: ComplaintEvent) {
  return { at: isoWib(e.at), actor: e.actor, kind: e.kind, fromState: e.fromState, toState: e.toState, note: e.note, visibleToReporter: e.visibleToReporter };
}

function supporterView(s: Supporter) {
  return { userId: s.userId, channel: s.channel, address: s.address, locale: s.locale, at: isoWib(s.at) };
}

const note = z.string().trim().max(2000, 'at most 2000 characters').optional();
const officeCode = z.string().trim().regex(/^[a-z0-9_]+$/, 'an office code from the routing table, e.g. "dpupr_pkp"');
const ticketRef = z.string().transform((s, ctx) => {
  const ticket = parseTicket(s);
  if (!ticket) ctx.addIssue({ code: 'custom', message: `"${s}" is not a ticket id; ticket ids look like PBL-2026-000123` });
  return ticket ?? z.NEVER;
});

const listQuerySchema = z.strictObject({
  state: commaList(z.enum(STATES)).optional(),
  category: commaList(z.enum(COMPLAINT_CATEGORIES)).optional(),
  office: commaList(officeCode).optional(),
  kelurahan: z.string().trim().min(1).max(100).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: isoInstant('start').optional(),
  to: isoInstant('end').optional(),
  q: z.string().trim().max(200, 'at most 200 characters').optional(),
  sort: z.enum(['newest', 'oldest', 'updated']).default('newest'),
  page: intParam(1, 100_000).default(1),
  pageSize: intParam(1, 100).default(20),
});

const verifyBody = z.strictObject({ note });
const disposeBody = z.strictObject({ office: officeCode, note });
const stateBody = z.strictObject({
  state: z.enum(STATES),
  note,
  office: officeCode.optional(),
  duplicateOf: ticketRef.optional(),
  referTo: z.string().trim().min(1).max(200, 'at most 200 characters').optional(),
});
const replyBody = z.strictObject({ text: z.string().trim().min(1, 'write the reply (1–2000 characters)').max(2000, 'at most 2000 characters') });
const duplicateBody = z.strictObject({ of: ticketRef, note });

/** HTTP status for each refusal of the complaint service; another office's ticket looks missing (404). */
const TRANSITION_STATUS: Record<TransitionError['code'], number> = {
  illegal: 409,
  note_required: 422,
  invalid: 400,
  not_found: 404,
  forbidden: 404,
  conflict: 409,
};

/** The 404 for a ticket that is missing or outside the token's scope: the same body either way. */
function ticketNotFound(ticket: string): HttpProblem {
  return new HttpProblem(404, 'not_found', `There is no ticket ${ticket} that this token can see. Check the id; office tokens see only their own office's tickets.`);
}

/** Registers the admin API routes (under `/admin/api/`) on `app`. */
export function registerAdminApi(app: FastifyInstance, deps: AdminApiDeps): void {
  const { service } = deps;
  const log = deps.logger.child({ mod: 'admin-api' });
  const officers = new WeakMap<FastifyRequest, AdminOfficer>();
  const officeName = (code: string) => service.router.office(code)?.name ?? code;

  async function authenticate(token: string): Promise<AdminOfficer | 'open311' | undefined> {
    if (deps.adminToken && sameSecret(token, deps.adminToken)) return ENV_COORDINATOR;
    const officer = await deps.tokens.verify(token);
    if (!officer) return undefined;
    if (officer.scope.kind === 'open311') return 'open311';
    return { id: officer.id, name: officer.name, scope: officer.scope };
  }

  function officerOf(req: FastifyRequest): AdminOfficer {
    const officer = officers.get(req);
    if (!officer) throw new Error(`Admin API route ${req.method} ${req.routeOptions.url} ran without an authenticated officer; the auth hook must run first.`);
    return officer;
  }

  function actorOf(officer: AdminOfficer): Actor {
    return officer.scope.kind === 'coordinator'
      ? { role: 'coordinator', office: service.router.coordinator, name: officer.name }
      : { role: 'office', office: officer.scope.office, name: officer.name };
  }

  function ticketOf(req: FastifyRequest): string {
    const raw = (req.params as { ticket: string }).ticket;
    const ticket = parseTicket(raw);
    if (!ticket) throw new HttpProblem(400, 'bad_request', `"${raw}" is not a ticket id; ticket ids look like PBL-2026-000123.`);
    return ticket;
  }

  async function visible(ticket: string, officer: AdminOfficer): Promise<Complaint> {
    const c = await service.repo.byTicket(ticket);
    if (!c || !service.canAccess(officer.scope, c)) throw ticketNotFound(ticket);
    return c;
  }

  /** An office officer may name as original only a ticket they can see (so a duplicate cannot probe other offices). */
  async function checkOriginal(original: string | undefined, field: string, officer: AdminOfficer): Promise<void> {
    if (!original || officer.scope.kind === 'coordinator') return;
    const c = await service.repo.byTicket(original);
    if (!c || !service.canAccess(officer.scope, c)) {
      throw new HttpProblem(400, 'invalid', `"${field}" must name another existing ticket of your office; ${original} is not one you can see.`);
    }
  }

  function kelurahanCode(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const kel = (deps.map ?? loadCityMap()).kelurahan(value);
    if (!kel) throw new HttpProblem(400, 'bad_request', `There is no kelurahan "${value}" in Kota Probolinggo; give its name (e.g. Sukabumi) or Kemendagri code (e.g. 35.74.03.1007).`);
    return kel.kelurahanCode;
  }

  function checkOffices(codes: string[] | undefined): void {
    const unknown = codes?.filter((c) => !service.router.office(c)) ?? [];
    if (unknown.length) {
      const known = service.router.allOffices().map((o) => o.code);
      throw new HttpProblem(400, 'bad_request', `Unknown office code ${unknown.map((c) => `"${c}"`).join(', ')}; use one of ${known.join(', ')}.`);
    }
  }

  app.register(
    async (api) => {
      api.setErrorHandler(async (err: FastifyError, req, reply) => {
        const problem = problemOf(err, req.url, log);
        return reply.code(problem.status).send({ error: problem.code, message: problem.message, ...problem.extra });
      });

      api.setNotFoundHandler(async (req, reply) =>
        reply.code(404).send({ error: 'not_found', message: `There is no admin API route ${req.method} ${req.url.split('?')[0]}; see the routes under /admin/api/complaints.` }),
      );

      api.addHook('onRequest', async (req, reply) => {
        const token = bearerToken(req.headers.authorization);
        const officer = token === undefined ? undefined : await authenticate(token);
        if (!officer) {
          const [header, message] =
            token === undefined
              ? [REALM, 'Send "Authorization: Bearer <token>" with the ADMIN_TOKEN or an officer token.']
              : [`${REALM}, error="invalid_token"`, 'This token is unknown or was revoked; ask the city coordinator for an officer token.'];
          return reply.code(401).header('www-authenticate', header).send({ error: 'unauthorized', message });
        }
        if (officer === 'open311') {
          return reply.code(403).send({ error: 'forbidden', message: 'This is an Open311 client token; the admin API needs an officer token (ask the city coordinator).' });
        }
        officers.set(req, officer);
      });

      api.get('/complaints', async (req) => {
        const officer = officerOf(req);
        const q = parseOrProblem(listQuerySchema, req.query, 'query');
        checkOffices(q.office);
        const { items, total } = await service.repo.list({
          // An office token lists its own office's tickets, whatever it asks for.
          offices: officer.scope.kind === 'office' ? [officer.scope.office] : q.office,
          states: q.state,
          categories: q.category,
          kelurahanCode: kelurahanCode(q.kelurahan),
          overdue: q.overdue,
          from: q.from,
          to: q.to,
          search: q.q,
          order: q.sort,
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        });
        return { items: items.map((c) => complaintView(c, officer, officeName)), total, page: q.page, pageSize: q.pageSize };
      });

      api.get('/complaints/:ticket', async (req) => {
        const officer = officerOf(req);
        const c = await visible(ticketOf(req), officer);
        const events = await service.repo.events(c.id);
        const list = officer.scope.kind === 'coordinator' ? (await service.repo.supporters(c.id)).map(supporterView) : undefined;
        return { complaint: complaintView(c, officer, officeName), events: events.map(eventView), supporters: { count: c.supporterCount, list } };
      });

      /** Registers `POST /complaints/:ticket/<path>`: parse, check scope, run through the service, map refusals. */
      function action<S extends z.ZodType>(path: string, schema: S, run: (c: Complaint, body: z.output<S>, officer: AdminOfficer, now: Date) => Promise<Complaint>): void {
        api.post(`/complaints/:ticket/${path}`, async (req) => {
          const officer = officerOf(req);
          const ticket = ticketOf(req);
          const body = parseOrProblem(schema, req.body ?? {}, 'body');
          const c = await visible(ticket, officer);
          let updated: Complaint;
          try {
            updated = await run(c, body, officer, deps.clock.now());
          } catch (err) {
            if (!(err instanceof TransitionError)) throw err;
            if (err.code === 'not_found' || err.code === 'forbidden') throw ticketNotFound(ticket);
            throw new HttpProblem(TRANSITION_STATUS[err.code], err.code, err.message, err.code === 'illegal' || err.code === 'note_required' ? { allowed: err.allowed } : {});
          }
          log.info({ ticket, action: path, tokenId: officer.id, scope: officer.scope.kind, state: updated.state }, 'officer acted on a complaint');
          return { complaint: complaintView(updated, officer, officeName) };
        });
      }

      const move = (c: Complaint, req: TransitionRequest, officer: AdminOfficer, now: Date) => service.transition(c.ticket, req, actorOf(officer), now);

      action('verify', verifyBody, (c, b, officer, now) => move(c, { to: 'terverifikasi', note: b.note }, officer, now));
      action('dispose', disposeBody, (c, b, officer, now) => move(c, { to: 'didisposisikan', office: b.office, note: b.note }, officer, now));
      action('state', stateBody, async (c, b, officer, now) => {
        await checkOriginal(b.duplicateOf, 'duplicateOf', officer);
        return move(c, { to: b.state, note: b.note, office: b.office, duplicateOf: b.duplicateOf, referTo: b.referTo }, officer, now);
      });
      action('duplicate', duplicateBody, async (c, b, officer, now) => {
        await checkOriginal(b.of, 'of', officer);
        return move(c, { to: 'duplikat', duplicateOf: b.of, note: b.note }, officer, now);
      });
      action('reply', replyBody, (c, b, officer, now) => service.reply(c.ticket, b.text, actorOf(officer), now));
    },
    { prefix: '/admin/api' },
  );
}
