/** An error a route throws to answer with a given status; each API's error handler writes it in its own format. */

/** One field's problem, as the APIs report it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** A client-facing failure: the HTTP status, a short machine code, a message saying what to do, and extras. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra members for the JSON body (e.g. `allowed`, `details`). */
    readonly extra: { details?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/**
 * `err` as an {@link HttpProblem} when it is a client's fault: one already, or a framework error with a 4xx
 * status (a body that is not JSON, an unsupported content type, a body too large). `undefined` otherwise: the
 * server's own failure, for the server's error handler.
 */
export function clientProblem(err: Error & { statusCode?: number; code?: string }): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  const status = err.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  const message = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.name === 'SyntaxError' ? 'The body is not valid JSON.' : err.message;
  return new HttpProblem(status, 'bad_request', message);
}

/**
 * Any error a route threw, as the {@link HttpProblem} to answer with: the client's problem as it is, anything
 * else (a database or Redis failure) as a 503 after logging it with `log` (the path only: a query string may
 * hold residents' words).
 */
export function problemOf(err: Error & { statusCode?: number; code?: string }, url: string, log: { error(obj: object, msg: string): void }): HttpProblem {
  const problem = clientProblem(err);
  if (problem) return problem;
  log.error({ err: err.message, url: url.split('?')[0] }, 'request failed');
  return new HttpProblem(503, 'unavailable', 'Pintu cannot answer right now (a dependency is unavailable). Please try again in a moment.');
}
