/**
 * Pintu's configuration: one zod schema for the whole environment.
 *
 * A bad value stops start-up with one line per problem naming the variable and what is expected.
 * Secrets are never printed: {@link describeConfig} masks them.
 */
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** "max/milliseconds", e.g. "30/1000" = at most 30 messages per second. */
const rate = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected "MAX/MILLISECONDS", e.g. "30/1000"')
  .transform((v) => {
    const [max, duration] = v.split('/').map(Number) as [number, number];
    return { max, duration };
  })
  .refine((r) => r.max > 0 && r.duration > 0, 'both numbers must be positive');

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

const url = (protocols: string[]) =>
  z
    .string()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

/** The schema for `process.env`; every variable Pintu reads is here, with its default. */
export const envSchema = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: int(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string()
      .min(1)
      .default('var/pintu.sqlite')
      .describe('a SQLite file path (or :memory:), or a postgres:// URL'),
    DATABASE_POOL_MAX: int(1, 200).default(10),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    REDIS_AUTOSTART: bool.default(true),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
      .default('pintu'),
    DEFAULT_LOCALE: z.enum(['id', 'en']).default('id'),
    CONVERSATION_TIMEOUT_MINUTES: int(1, 7 * 24 * 60).default(30),
    USER_RATE_LIMIT: rate.prefault('10/5000'),
    MAX_MESSAGE_CHARS: int(100, 100_000).default(4000),
    OUTBOX_ATTEMPTS: int(1, 100).default(8),
    OUTBOX_BACKOFF_MS: int(10, 3_600_000).default(2000),
    OUTBOX_CONCURRENCY: int(1, 1000).default(20),
    OUTBOX_LOCK_MS: int(1000, 600_000).default(30_000),
    OUTBOX_RATE_TELEGRAM: rate.prefault('30/1000'),
    OUTBOX_RATE_TELEGRAM_CHAT: rate.prefault('1/1000'),
    OUTBOX_RATE_WHATSAPP: rate.prefault('10/60000'),
    OUTBOX_RATE_WHATSAPP_CHAT: rate.prefault('1/3000'),
    OUTBOX_RATE_WEB: rate.prefault('1000/1000'),
    OUTBOX_RATE_CONSOLE: rate.prefault('1000/1000'),
    WORKERS_ENABLED: bool.default(true),
    SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(10_000),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'expected a token like "123456:ABC-DEF…" from @BotFather')
      .optional(),
    TELEGRAM_API_ROOT: url(['http:', 'https:']).default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: url(['https:', 'http:']).optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters: letters, digits, "_" or "-"')
      .optional(),
    WHATSAPP_ENABLED: bool.default(false),
    WHATSAPP_SESSION: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, "_" or "-"').default('default'),
    WHATSAPP_PAIRING_NUMBER: z.string().regex(/^\d{8,15}$/, 'the phone number in digits, country code first, e.g. 6281234567890').optional(),
    WHATSAPP_ALLOW_GROUPS: bool.default(false),
    WHATSAPP_SEND_JITTER_MS: int(0, 60_000).default(1500),
    LPSE_BASE_URL: url(['http:', 'https:']).default('https://spse.inaproc.id/probolinggokota'),
    LPSE_SOURCE: z.enum(['spse', 'isb']).default('spse').describe('spse: the LPSE website at LPSE_BASE_URL; isb: the ISB/INAPROC JSON datasets at LPSE_ISB_*_URL'),
    LPSE_INSTANSI: z.string().min(1).default('Kota Probolinggo'),
    LPSE_POLL_MINUTES: int(0, 24 * 60).default(15).describe('minutes between polling rounds; 0 turns polling off'),
    LPSE_PAUSE_MS: int(0, 60_000).default(1500),
    LPSE_DETAILS_PER_ROUND: int(0, 500).default(20),
    LPSE_DAILY_ALERT_CAP: int(1, 200).default(10),
    LPSE_DIGEST_HOUR: int(5, 20).default(7),
    LPSE_MAX_SUBSCRIPTIONS: int(1, 100).default(20),
    LPSE_ISB_TENDERS_URL: url(['http:', 'https:']).optional().describe('ISB SPSE-TenderPengumuman endpoint with {tahun}'),
    LPSE_ISB_SCHEDULES_URL: url(['http:', 'https:']).optional().describe('ISB SPSE-JadwalTahapanTender endpoint with {tahun}'),
    LPSE_ISB_NONTENDERS_URL: url(['http:', 'https:']).optional().describe('ISB SPSE-NonTenderPengumuman endpoint with {tahun}'),
    LPSE_ISB_API_KEY: z.string().min(1).optional(),
    ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    DASHBOARD_TILE_URL: z.string().regex(/^https:\/\/.+\{z\}.+\{x\}.+\{y\}/, 'a tile URL template like https://tile.example.org/{z}/{x}/{y}.png').optional(),
    DASHBOARD_SECURE_COOKIE: bool.default(false).describe('mark dashboard cookies Secure even when the request arrived over plain http (behind a TLS proxy)'),
    DASHBOARD_SESSION_IDLE_MINUTES: int(5, 7 * 24 * 60).default(480).describe('an officer is signed out after this many minutes without a request'),
    DASHBOARD_SESSION_MAX_HOURS: int(1, 90 * 24).default(168).describe('an officer is signed out this many hours after signing in, active or not'),
    COMPLAINT_SLA_EVERY_MINUTES: int(1, 24 * 60).default(15),
    COMPLAINT_VERIFY_DAYS: int(1, 60).default(3),
    COMPLAINT_RESPONSE_DAYS: int(1, 60).default(5),
    COMPLAINT_AUTOCLOSE_DAYS: int(1, 120).default(10),
    COMPLAINT_REOPEN_DAYS: int(1, 365).default(14),
    HEALTH_DATA_KEY: z
      .string()
      .regex(/^([A-Za-z0-9_-]{1,32}:)?[A-Za-z0-9+/]{43}=(,([A-Za-z0-9_-]{1,32}:)?[A-Za-z0-9+/]{43}=)*$/, 'base64 of 32 random bytes (`openssl rand -base64 32`), or "id:key,id:key" to rotate (the first encrypts)')
      .optional(),
    SISKIA_REMINDER_HOUR: int(6, 20).default(7),
    SISKIA_REMINDER_DAYS: z
      .string()
      .regex(/^\d{1,2}(,\d{1,2})*$/, 'days before a visit, comma-separated, e.g. "7,1"')
      .default('7,1')
      .transform((v) => v.split(',').map(Number)),
    SISKIA_FOLLOW_UP_MINUTES: int(1, 24 * 60).default(20),
  });

/** Pintu's validated configuration. */
export type Config = z.infer<typeof envSchema>;

/** Variables whose values must never be printed. */
export const SECRET_KEYS = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'ADMIN_TOKEN', 'HEALTH_DATA_KEY', 'LPSE_ISB_API_KEY'] as const;

/** Thrown when the environment is invalid; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix these environment variables and start again.`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Empty strings count as unset, so `FOO=` falls back to the default.
 * Never includes a received value in an error, since it might be a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const keys = Object.keys(envSchema.shape) as (keyof Config)[];
  const input: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = envSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(input),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  return parsed.data;
}

/** Rules that involve two variables; checked on the raw input so they are reported along with every other problem. */
function crossFieldProblems(input: Record<string, string>): string[] {
  const problems: string[] = [];
  if (input.TELEGRAM_WEBHOOK_URL && !input.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back so we can reject forged updates)');
  }
  if (input.LPSE_SOURCE === 'isb') {
    for (const key of ['LPSE_ISB_TENDERS_URL', 'LPSE_ISB_SCHEDULES_URL']) {
      if (!input[key]) problems.push(`${key}: required when LPSE_SOURCE=isb (the dataset URL with {tahun} where the year goes)`);
      else if (!/\{(?:tahun|year)\}/.test(input[key]!)) problems.push(`${key}: needs a {tahun} placeholder where the year goes`);
    }
  }
  return problems;
}

/** The configuration as printable key/value pairs with secrets masked (for `pintu config` and start-up logs). */
export function describeConfig(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if ((SECRET_KEYS as readonly string[]).includes(key)) out[key] = value === undefined ? '(unset)' : '(set, hidden)';
    else if (key === 'DATABASE_URL' || key === 'REDIS_URL') out[key] = maskUrlPassword(String(value));
    else out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value ?? '(unset)');
  }
  return out;
}

function maskUrlPassword(value: string): string {
  try {
    const u = new URL(value);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return value;
  }
}
