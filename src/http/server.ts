/** The HTTP server (fastify): health, readiness, metrics, the operators' outbox view, and whatever channels add. */
import { bearerToken, sameSecret } from './bearer-auth.js';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { Metrics } from '../observability/metrics.js';

/** A named check for `/readyz`; resolves when the dependency answers. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** What the HTTP server shows. */
export interface HttpDeps {
  logger: PinoLogger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Token for `/admin/*` routes; without it those routes answer 404. */
  adminToken?: string;
  failedOutbound?: (limit: number) => Promise<unknown[]>;
  outboundCounts?: () => Promise<Record<string, number>>;
}

/** Builds the fastify app; the caller registers channel routes and calls `listen`. */
export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({
    // At warn, so a busy server does not write a line per request.
    loggerInstance: deps.logger.child({ mod: 'http' }, { level: deps.logger.level === 'silent' ? 'silent' : 'warn' }) as unknown as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 503;
    if (status === 503) req.log.error({ err: err.message, url: req.url }, 'request failed');
    const message =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError'
        ? 'The body is not valid JSON.'
        : status === 503
          ? 'Pintu cannot answer right now (a dependency is unavailable). Please try again in a moment.'
          : err.message;
    void reply.code(status).send({ error: { code: status === 503 ? 'unavailable' : 'bad_request', message } });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        try {
          await withTimeout(r.check(), 2000);
          return [r.name, 'ok'] as const;
        } catch (err) {
          return [r.name, `down: ${(err as Error).message}`] as const;
        }
      }),
    );
    const ready = results.every(([, s]) => s === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });

  app.register(async (admin) => {
    admin.addHook('onRequest', async (req, reply) => {
      const token = deps.adminToken;
      const given = bearerToken(req.headers.authorization);
      if (!token || !given || !sameSecret(given, token)) {
        return reply.code(token ? 401 : 404).send({ error: { code: 'unauthorized', message: 'Send "Authorization: Bearer <ADMIN_TOKEN>".' } });
      }
    });
    admin.get('/admin/outbox', async (req) => {
      const limit = Math.min(Number((req.query as Record<string, string>).limit ?? 50) || 50, 500);
      return { counts: (await deps.outboundCounts?.()) ?? {}, failed: (await deps.failedOutbound?.(limit)) ?? [] };
    });
  });

  return app;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error(`no answer in ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
