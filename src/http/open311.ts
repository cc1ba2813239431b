/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON only, under `/open311/v2/`: the complaint
 * categories as services, public complaints as service requests, and filing through a client's `api_key`.
 *
 * What is published: only non-`rahasia` complaints (a `rahasia` id answers 404 exactly like an unknown one),
 * and never anything about the reporter, not even the name of a `publik` report; phone numbers and NIKs that
 * residents typed into their texts are masked. Times are ISO 8601 in WIB (`2026-11-30T09:15:00+07:00`).
 *
 * Filing (`POST requests.json`) takes `application/x-www-form-urlencoded` (parsed here with `URLSearchParams`,
 * no extra dependency) or JSON, and needs the `api_key` of a token with scope `open311` or `coordinator`. A pin
 * must lie in Kota Probolinggo. Retrying the same body with the same key returns the same ticket.
 *
 * Errors follow the spec: the HTTP status and a body `[{ "code": 400, "description": "..." }]`.
 */
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { I18n } from '../core/i18n.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../core/understanding.js';
import type { ComplaintService } from '../features/complaints/complaint-service.js';
import { PRIVACY_MODES, STATES, type Complaint, type ComplaintLocation } from '../features/complaints/model.js';
import type { AdminTokenStore } from '../features/complaints/officer-auth.js';
import { open311Status, OPEN_STATES } from '../features/complaints/states.js';
import { parseTicket } from '../features/complaints/ticket-id.js';
import { loadCityMap, type CityMap } from '../geo/city-map.js';
import { maskPii } from '../observability/mask.js';
import { HttpProblem, problemOf } from './http-problem.js';
import { commaList, intParam, isoInstant, parseOrProblem } from './validation.js';
import { isoWib } from './wib-time.js';

/** What the Open311 endpoint needs. */
export interface Open311Deps {
  service: ComplaintService;
  tokens: Pick<AdminTokenStore, 'verify'>;
  clock: Clock;
  i18n: I18n;
  /** Checks and resolves posted pins (default: the shipped city map). */
  map?: CityMap;
}

/** A service (complaint category) as GeoReport v2 lists it. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** A service request as GeoReport v2 shows it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

/** Page size of `GET requests.json` when the client gives none, and the most it may ask for. */
export const OPEN311_PAGE_SIZE = { default: 50, max: 100 } as const;

/** The longest span `start_date`..`end_date` may cover, and the default window (GeoReport v2: 90 days). */
const WINDOW_MS = 90 * 86_400_000;

const CLOSED_STATES = STATES.filter((s) => !OPEN_STATES.includes(s));

const listQuerySchema = z.object({
  service_request_id: commaList(z.string()).optional(),
  service_code: commaList(z.enum(COMPLAINT_CATEGORIES, { error: (i) => `"${String(i.input)}" is not a service_code; see services.json` })).optional(),
  start_date: isoInstant('start').optional(),
  end_date: isoInstant('end').optional(),
  status: commaList(z.enum(['open', 'closed'], { error: 'must be open, closed, or both comma-separated' })).optional(),
  page: intParam(1, 100_000).default(1),
  page_size: intParam(1, OPEN311_PAGE_SIZE.max).default(OPEN311_PAGE_SIZE.default),
});

const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

/** The fields of `POST requests.json` that Pintu uses; others (device_id, account_id, phone, …) are ignored. */
const postSchema = z
  .object({
    service_code: z.enum(COMPLAINT_CATEGORIES, { error: (i) => (i.input === undefined ? 'required' : `"${String(i.input)}" is not a service_code; see services.json`) }),
    description: z.string({ error: 'required' }).trim().min(1, 'required').max(4000, 'at most 4000 characters'),
    lat: z.coerce.number({ error: 'must be a number' }).min(-90).max(90).optional(),
    long: z.coerce.number({ error: 'must be a number' }).min(-180).max(180).optional(),
    address_string: optionalText(300),
    email: z.email('must be an e-mail address').max(254).optional(),
    first_name: optionalText(100),
    last_name: optionalText(100),
    media_url: z.url('must be a URL').max(2000).optional(),
    privacy: z.enum(PRIVACY_MODES, { error: `attribute[privacy] must be one of ${PRIVACY_MODES.join(', ')}` }).default('publik'),
  })
  .refine((b) => (b.lat === undefined) === (b.long === undefined), { message: 'give both lat and long, or neither', path: ['lat'] })
  .refine((b) => b.lat !== undefined || b.address_string, { message: 'give the location: lat and long, or address_string', path: ['address_string'] });

/**
 * A posted body made flat: blank values dropped (a form sends `lat=` for an empty field), and the privacy
 * attribute taken from `attribute[privacy]` (form) or `attribute: { privacy }` (JSON).
 */
function flattenPost(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (v !== '' && v !== null && k !== 'attribute' && k !== 'api_key') out[k] = v;
  const attribute = body.attribute && typeof body.attribute === 'object' ? (body.attribute as Record<string, unknown>) : {};
  const privacy = body['attribute[privacy]'] ?? attribute.privacy;
  delete out['attribute[privacy]'];
  if (privacy !== undefined && privacy !== '') out.privacy = privacy;
  return out;
}

/** Words clients can search a service by: the code's parts and the label's words. */
function keywordsOf(code: string, label: string): string {
  const words = [...code.split('_'), ...label.toLowerCase().split(/[^\p{L}\p{N}]+/u)].filter((w) => w.length >= 2);
  return [...new Set(words)].join(', ');
}

/** Where the complaint is, in words: the resident's text, the kelurahan and the kecamatan. */
function addressOf(l: ComplaintLocation): string | null {
  const parts = [l.text && maskPii(l.text), l.kelurahan && `Kel. ${l.kelurahan}`, l.kecamatan && `Kec. ${l.kecamatan}`].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** Registers the Open311 GeoReport v2 routes (under `/open311/v2/`) on `app`. */
export function registerOpen311(app: FastifyInstance, deps: Open311Deps): void {
  const { service } = deps;
  const t = deps.i18n.forLocale('id');
  const label = (code: ComplaintCategory) => t(`complaint.category.${code}`);
  const officeName = (code: string) => service.router.office(code)?.name ?? code;

  const services: Open311Service[] = COMPLAINT_CATEGORIES.map((code) => {
    const office = service.router.office(service.router.route({ category: code }).office);
    return {
      service_code: code,
      service_name: label(code),
      description: office ? `${label(code)} — ${office.name}` : label(code),
      metadata: false,
      type: 'realtime',
      keywords: keywordsOf(code, label(code)),
      group: office?.short ?? code,
    };
  });

  /** A public complaint as a GeoReport v2 service request; nothing about the reporter. */
  function requestView(c: Complaint): Open311Request {
    return {
      service_request_id: c.ticket,
      status: open311Status(c.state),
      status_notes: c.stateNote ? maskPii(c.stateNote) : null,
      service_name: label(c.category),
      service_code: c.category,
      description: maskPii(c.description),
      agency_responsible: officeName(c.office),
      service_notice: t(`complaint.state.${c.state}`),
      requested_datetime: isoWib(c.createdAt),
      updated_datetime: isoWib(c.updatedAt),
      expected_datetime: isoWib(c.responseDueAt),
      address: addressOf(c.location),
      address_id: null,
      zipcode: null,
      lat: c.location.point?.lat ?? null,
      long: c.location.point?.lon ?? null,
      media_url: null,
    };
  }

  /** The created-date window: at most 90 days; the last 90 days when no date is given. */
  function dateWindow(start: Date | undefined, end: Date | undefined): { from: Date; to?: Date } {
    if (start && end) {
      if (end.getTime() < start.getTime()) throw new HttpProblem(400, 'bad_request', 'end_date is before start_date; swap them.');
      if (end.getTime() - start.getTime() > WINDOW_MS) throw new HttpProblem(400, 'bad_request', 'start_date and end_date may not span more than 90 days; ask for several windows.');
      return { from: start, to: end };
    }
    if (start) return { from: start };
    const last = end ?? deps.clock.now();
    return { from: new Date(last.getTime() - WINDOW_MS), to: end };
  }

  app.register(
    async (api) => {
      api.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      });

      api.setErrorHandler(async (err: FastifyError, req, reply) => {
        const problem = problemOf(err, req.url, req.log);
        const descriptions = problem.extra.details?.map((d) => `${d.field}: ${d.problem}`) ?? [problem.message];
        return reply.code(problem.status).send(descriptions.map((description) => ({ code: problem.status, description })));
      });

      api.setNotFoundHandler(async (req, reply) =>
        reply.code(404).send([{ code: 404, description: `No Open311 resource ${req.method} ${req.url.split('?')[0]}; Pintu serves services.json, services/{code}.json, requests.json and requests/{id}.json (JSON only).` }]),
      );

      api.get('/services.json', async () => services);

      api.get('/services/:code.json', async (req) => {
        const { code } = req.params as { code: string };
        if (!services.some((s) => s.service_code === code)) throw new HttpProblem(404, 'not_found', `service_code "${code}" does not exist; see services.json.`);
        return { service_code: code, attributes: [] };
      });

      api.get('/requests.json', async (req, reply) => {
        const q = parseOrProblem(listQuerySchema, req.query, 'query');
        const paging = { publicOnly: true, order: 'newest' as const, limit: q.page_size, offset: (q.page - 1) * q.page_size };
        // GeoReport v2: service_request_id overrides every other filter.
        const query = q.service_request_id
          ? { ...paging, tickets: q.service_request_id.map(parseTicket).filter((x): x is string => x !== undefined) }
          : {
              ...paging,
              ...dateWindow(q.start_date, q.end_date),
              categories: q.service_code,
              states: q.status && q.status.length === 1 ? (q.status[0] === 'open' ? [...OPEN_STATES] : CLOSED_STATES) : undefined,
            };
        // No total: counting every match costs a hundred times the page on a big table, and GeoReport v2 has none.
        const { items } = await service.repo.list({ ...query, withTotal: false });
        void reply;
        return items.map(requestView);
      });

      api.get('/requests/:id.json', async (req) => {
        const { id } = req.params as { id: string };
        const ticket = parseTicket(id);
        const c = ticket ? await service.repo.byTicket(ticket) : undefined;
        // A rahasia report answers exactly like one that does not exist.
        if (!c || c.privacy === 'rahasia') throw new HttpProblem(404, 'not_found', `There is no public service request "${id}".`);
        return [requestView(c)];
      });

      api.post('/requests.json', async (req, reply) => {
        const raw = req.body;
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
          throw new HttpProblem(400, 'bad_request', 'Send the request as application/x-www-form-urlencoded or as a JSON object.');
        }
        const body = raw as Record<string, unknown>;
        const apiKey = typeof body.api_key === 'string' ? body.api_key.trim() : '';
        const client = apiKey ? await deps.tokens.verify(apiKey) : undefined;
        if (!client || (client.scope.kind !== 'open311' && client.scope.kind !== 'coordinator')) {
          throw new HttpProblem(403, 'forbidden', apiKey ? 'api_key is not valid for Open311 (unknown, revoked, or not an Open311 key); ask the city for one.' : 'api_key is required; ask the city for an Open311 key.');
        }
        const fields = flattenPost(body);
        const b = parseOrProblem(postSchema, fields, 'body');

        const location: ComplaintLocation = b.address_string ? { text: b.address_string } : {};
        if (b.lat !== undefined && b.long !== undefined) {
          const where = (deps.map ?? loadCityMap()).locate(b.lat, b.long);
          if (where.status === 'outside') {
            throw new HttpProblem(400, 'bad_request', `lat/long ${b.lat}, ${b.long} lies ${(where.distanceM / 1000).toFixed(1)} km outside Kota Probolinggo; Pintu only takes reports inside the city.`);
          }
          Object.assign(location, { point: { lat: b.lat, lon: b.long }, kelurahan: where.area.kelurahan, kelurahanCode: where.area.kelurahanCode, kecamatan: where.area.kecamatan });
        }

        // The same body from the same client is the same report: a retry returns the first ticket.
        const digest = createHash('sha256').update(JSON.stringify(Object.entries(b).sort(([x], [y]) => x.localeCompare(y)))).digest('hex');
        const name = [b.first_name, b.last_name].filter(Boolean).join(' ');
        const { complaint, created } = await service.file({
          idempotencyKey: `open311:${client.id}:${digest}`,
          draft: { type: 'pengaduan', category: b.service_code, description: b.description, location, photos: [], privacy: b.privacy },
          ...(name ? { reporterName: name } : {}),
          ...(b.email ? { reporterEmail: b.email } : {}),
          source: 'open311',
          at: deps.clock.now(),
        });
        void reply.code(created ? 201 : 200);
        return [{ service_request_id: complaint.ticket, service_notice: `${t(`complaint.state.${complaint.state}`)} — ${service.officeName(complaint.office)}`, account_id: null }];
      });
    },
    { prefix: '/open311/v2' },
  );
}
