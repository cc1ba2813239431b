/**
 * Telegram alert fan-out: BENCH_ALERTS alerts (default 3,000) to as many different chats, through the real outbox
 * (BullMQ on the local Redis, the send pacer) and the real grammY sender, against the fake Bot API server enforcing
 * Telegram's limits (30 sends a second overall, 1 a second per chat, in rolling one-second windows; over them it
 * answers 429 with retry_after like Telegram). Reports throughput against the cap, messages lost (none may be), the
 * share of requests answered 429, and the busiest second seen by the server.
 * Run with `npm run bench:telegram` (about two minutes: the cap is the point).
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { OutboundMessage } from '../src/core/messages.js';
import { createTestDatabase } from '../tests/support/databases.js';
import { startFakeBotApi } from '../tests/telegram/fake-bot-api.js';

const alerts = Number(process.env.BENCH_ALERTS ?? 3000);
const CAP = 30;
const TOKEN = '123456:BENCH-token-abcdefghijklmnop';

const fake = await startFakeBotApi({ token: TOKEN, rateLimit: { global: CAP, perChatPerSecond: 1 } });
const db = await createTestDatabase('sqlite');
const config = loadConfig({
  DATABASE_URL: db.url,
  QUEUE_PREFIX: `bench-tg-${Date.now()}`,
  LOG_LEVEL: 'silent',
  PORT: '0',
  TELEGRAM_BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: fake.apiRoot,
  OUTBOX_RATE_TELEGRAM: `${CAP}/1000`,
  OUTBOX_RATE_TELEGRAM_CHAT: '1/1000',
  LPSE_POLL_MINUTES: '0',
});
const app = await createApp({ config, logger: pino({ level: 'silent' }), workers: true, http: false });

const messages: OutboundMessage[] = Array.from({ length: alerts }, (_, i) => ({
  channel: 'telegram',
  address: String(700_000 + i),
  kind: 'alert',
  reply: { text: `🔔 Ada tender baru yang cocok dengan langganan Anda: Paket ${i + 1}`, choices: [{ label: 'Ikuti tender ini', value: `lpse:follow:${10_100_000_000 + i}` }] },
}));

const started = performance.now();
await app.engine.notify(messages);
const queuedMs = performance.now() - started;
const deadline = Date.now() + (alerts / CAP) * 1000 * 3 + 30_000;
while (fake.sent().length < alerts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
const sent = fake.sent();
const first = sent[0]?.at ?? 0;
const last = sent.at(-1)?.at ?? 0;
const seconds = (last - first) / 1000;
const delivered = new Set(sent.map((s) => s.chatId)).size;
const requests = fake.callsOf('sendMessage').length;
const rate = (sent.length - 1) / seconds;

const counts = await app.messageLog.countOutbound();
console.log(`Telegram fan-out: ${alerts} alerts to ${alerts} chats, fake Bot API capped at ${CAP}/s overall and 1/s per chat`);
console.log(`node ${process.version}`);
console.log('| queued in | first → last send | throughput | share of cap | delivered (distinct chats) | lost | sendMessage requests | answered 429 | busiest second at the server | outbound log |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
console.log(
  `| ${(queuedMs / 1000).toFixed(1)} s | ${seconds.toFixed(1)} s | ${rate.toFixed(2)}/s | ${((rate / CAP) * 100).toFixed(1)} % | ${delivered} | ${alerts - delivered} | ${requests} | ${fake.rateLimited} (${((fake.rateLimited / requests) * 100).toFixed(2)} %) | ${fake.maxSendsInAnySecond} | ${JSON.stringify(counts)} |`,
);

await app.close();
await fake.close();
await db.drop();
process.exit(delivered === alerts ? 0 : 1);
