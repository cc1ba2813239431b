/**
 * Structured logs (pino). Message text, captions and secrets are redacted by field name; phone numbers and NIK are
 * masked wherever they appear in a log line.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { maskDeep, maskPii } from './mask.js';

/** Fields whose contents never reach a log (they may hold health data or secrets). */
export const REDACTED_PATHS = [
  'text',
  'caption',
  'reply.text',
  'message.text',
  '*.text',
  'token',
  '*.token',
  'password',
  '*.password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

/** Creates Pintu's logger at `level`, writing to `destination` (stdout by default). */
export function createLogger(level: string, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { app: 'pintu' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log: (obj) => maskDeep(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
