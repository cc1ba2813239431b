/**
 * The web chat channel: `POST /api/chat` (the public contract), `GET /api/chat/inbox` for messages sent later
 * (reminders, officers' replies), and a small HTML page at `/` to chat in a browser.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../../core/engine.js';
import type { I18n, Locale } from '../../core/i18n.js';
import type { Reply } from '../../core/messages.js';
import type { WebInbox } from './web-sender.js';

const PAGE_TEMPLATE = readFileSync(new URL('./chat-page.html', import.meta.url), 'utf8');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The chat page with its texts from the locale catalogue (they live in `locales/`, like every reply). */
export function renderChatPage(i18n: I18n, locale: Locale): string {
  const t = i18n.forLocale(locale);
  // For the page script: JSON with "<" escaped so no text can close the script element.
  const script = JSON.stringify({ error: t('web.error'), offline: t('web.offline') }).replace(/</g, '\\u003c');
  return PAGE_TEMPLATE.replace('{{web.script}}', script)
    .replace('{{locale}}', locale)
    .replace(/\{\{(web\.\w+)\}\}/g, (_m, key: string) => escapeHtml(t(key)));
}

/** The request body of `POST /api/chat`. `choice` (a button's value) and `messageId` (idempotency) are optional extras. */
export const chatRequestSchema = z
  .object({
    userId: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    text: z.string().max(100_000, 'at most 100,000 characters').optional(),
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
      })
      .optional(),
    choice: z.string().min(1).max(200).optional(),
    messageId: z.string().min(1).max(200).optional(),
  })
  .refine((b) => b.text !== undefined || b.location !== undefined || b.choice !== undefined, {
    message: 'send at least one of "text", "location" or "choice"',
    path: ['text'],
  });

/** A reply as the web contract shows it: `buttons` instead of the engine's `choices`. */
export interface WebReply {
  text: string;
  buttons?: { label: string; value: string }[];
  requestLocation?: boolean;
  photo?: Reply['photo'];
  location?: Reply['location'];
}

/** Converts an engine reply to the web contract. */
export function toWebReply(reply: Reply): WebReply {
  const out: WebReply = { text: reply.text };
  if (reply.choices?.length) out.buttons = reply.choices.map((c) => ({ label: c.label, value: c.value }));
  if (reply.requestLocation) out.requestLocation = true;
  if (reply.photo) out.photo = reply.photo;
  if (reply.location) out.location = reply.location;
  return out;
}

function badRequest(message: string, details?: unknown) {
  return { error: { code: 'bad_request', message, ...(details ? { details } : {}) } };
}

/** Registers the web chat routes on `app`. */
export function registerWebChat(app: FastifyInstance, deps: { engine: Engine; inbox: WebInbox; i18n: I18n; locale: Locale }): void {
  const page = renderChatPage(deps.i18n, deps.locale);
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));

  app.post('/api/chat', async (req, reply) => {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
      return reply.code(400).send(badRequest('The body must be a JSON object like {"userId": "...", "text": "..."}.'));
    }
    const parsed = chatRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', problem: i.message }));
      return reply.code(400).send(badRequest('The request body is not valid.', details));
    }
    const body = parsed.data;
    const result = await deps.engine.handle({
      channel: 'web',
      address: body.userId,
      // Without a client id there is nothing to deduplicate against (each POST is a new message).
      messageId: body.messageId,
      text: body.text,
      location: body.location,
      choice: body.choice,
      receivedAt: new Date(),
    });
    return { replies: result.replies.map(toWebReply), ...(result.duplicate ? { duplicate: true } : {}) };
  });

  app.get('/api/chat/inbox', async (req, reply) => {
    const userId = (req.query as Record<string, unknown>).userId;
    if (typeof userId !== 'string' || !userId.trim() || userId.length > 200) {
      return reply.code(400).send(badRequest('Add ?userId=… (1–200 characters).'));
    }
    return { replies: (await deps.inbox.take(userId.trim())).map(toWebReply) };
  });
}
