/**
 * A local fake of the Telegram Bot API (node:http on a random port) for running the real grammY client over HTTP.
 *
 * - `POST|GET {apiRoot}/bot{token}/{method}` with a JSON, form-urlencoded or query-string body, answered
 *   `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }` with the HTTP status set to the
 *   error code, as Telegram does. Method names are matched case-insensitively (Telegram accepts `sendmessage`).
 *   Multipart bodies (file uploads) are refused with a 400: Pintu only sends photos by URL or file_id.
 * - `GET {apiRoot}/file/bot{token}/{file_path}` serves the bytes of files the fake registered (a real tiny JPEG).
 * - Updates are queued with the `push*` methods (Bot API shapes, increasing `update_id`, per-chat `message_id`) and
 *   handed out by `getUpdates` with Telegram's semantics: `offset` confirms (drops) earlier updates, a negative
 *   offset keeps only the last ones, `limit` 1–100, `allowed_updates` remembered between calls and applied to
 *   updates pushed afterwards (as Telegram applies it to updates created after the call), long polling held up
 *   to `timeout` seconds (capped by `maxPollSeconds`) and answered as soon as an update arrives, a second poll
 *   terminates the first with 409, and 409 while a webhook is set.
 * - Send methods check what Telegram checks and the tests care about: empty/too long text, `parse_mode` markup
 *   (HTML tags, MarkdownV2 reserved characters), inline buttons (`callback_data` at most 64 bytes), replies to
 *   unknown messages, unknown file ids; blocked chats get 403, chats in `missingChats` 400, and optional rolling
 *   rate limits 429 with `retry_after`.
 * - Everything is recorded (`calls`, `sent()`, `callbackAnswers`, `deliveries`) with `performance.now()` times,
 *   together with the most sends seen in any rolling second, globally and per chat, so a benchmark can prove it
 *   stayed under Telegram's caps.
 *
 * The fake never talks to the internet: URLs given to `sendPhoto` are accepted without being fetched, and the
 * webhook URL may be plain http (Telegram insists on https).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type {
  BotCommand,
  Chat,
  File,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  PhotoSize,
  ResponseParameters,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from 'grammy/types';

/** The token the fake expects unless told otherwise (the bot id is the part before the colon). */
export const DEFAULT_TOKEN = '123456:TEST-token';

/** The bot's username (`getMe`), as mentions in group messages spell it. */
export const DEFAULT_BOT_USERNAME = 'pintu_test_bot';

/** A real 8×6 baseline JPEG (269 bytes), served for every photo unless a test supplies its own bytes. */
export const TINY_JPEG: Buffer = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9j' +
    'QjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAA' +
    'AAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEA' +
    'PwCQAIqH/9k=',
  'base64',
);

/** The methods that count as sending a message (rate limits, `sent()`, the per-second maxima). */
export const SEND_METHODS = ['sendMessage', 'sendPhoto', 'sendLocation'] as const;

/** One of {@link SEND_METHODS}. */
export type SendMethod = (typeof SEND_METHODS)[number];

/** Rolling-window send limits, modelled on Telegram's (about 30 messages a second overall, 1 a second per chat). */
export interface RateLimitOptions {
  /** Send calls allowed in any rolling second, all chats together. */
  global?: number;
  /** Send calls allowed to one chat in any rolling second. */
  perChatPerSecond?: number;
  /** Send calls allowed to one group or supergroup (negative chat id) in any rolling minute (Telegram: 20). */
  perGroupPerMinute?: number;
}

/** How the fake behaves; all of it can also be changed at runtime on the returned {@link FakeBotApi}. */
export interface FakeBotApiOptions {
  /** The only token accepted (default {@link DEFAULT_TOKEN}); any other gets 401 Unauthorized. */
  token?: string;
  /** The bot's username (default {@link DEFAULT_BOT_USERNAME}). */
  username?: string;
  /** The bot's first name (default "Pintu Test"). */
  firstName?: string;
  /** Longest a `getUpdates` call is held, in seconds, whatever `timeout` asks for (default 1). */
  maxPollSeconds?: number;
  /** Rate limits; none by default. */
  rateLimit?: RateLimitOptions;
  /** Chats whose user blocked the bot (403 on sends). */
  blockedChats?: Iterable<number>;
  /** Chats Telegram does not know (400 "chat not found" on sends). */
  missingChats?: Iterable<number>;
  /** Delay before every method answer, ms (default 0). `getUpdates` waits for this on top of its long poll. */
  latencyMs?: number;
  /** `update_id` of the first queued update (default 100000001). */
  firstUpdateId?: number;
}

/** An error answer, as Telegram sends it. */
export interface ApiFailure {
  /** Also the HTTP status of the answer. */
  error_code: number;
  /** e.g. "Too Many Requests: retry after 2". */
  description: string;
  /** `retry_after` for 429, `migrate_to_chat_id` for migrated groups. */
  parameters?: ResponseParameters;
}

/** One method call as the fake saw it. */
export interface RecordedCall {
  /** Canonical method name (`sendMessage` even when called as `sendmessage`). */
  method: string;
  /** The decoded parameters. */
  body: Record<string, unknown>;
  /** When the call arrived (performance.now()). */
  at: number;
  /** HTTP status answered; 0 while a long poll is still held, or when the client went away first. */
  status: number;
  /** The `result` of a successful answer. */
  result?: unknown;
  /** The `description` of an error answer. */
  description?: string;
  /** The client closed the request before it was answered (an aborted long poll). */
  aborted?: boolean;
  /** The call came back in a webhook answer's body instead of over HTTP. */
  viaWebhookReply?: boolean;
}

/** A successful send call (sendMessage, sendPhoto or sendLocation) with the message the fake answered. */
export interface SentMessage {
  /** Which send method. */
  method: SendMethod;
  /** The target chat. */
  chatId: number;
  /** The message text, or the photo caption, as sent (markup included). */
  text?: string;
  /** `parse_mode` as sent. */
  parseMode?: string;
  /** `reply_markup` as sent (inline keyboard, reply keyboard, remove_keyboard or force_reply). */
  replyMarkup?: Record<string, unknown>;
  /** All parameters as sent. */
  body: Record<string, unknown>;
  /** The Message the fake answered (text without markup, entities, inline keyboard). */
  message: Message;
  /** When the fake accepted it (performance.now(); after `latencyMs`, the time the rate limits count). */
  at: number;
}

/** One `answerCallbackQuery` call that was accepted. */
export interface CallbackAnswer {
  /** The id of the callback query answered. */
  callback_query_id: string;
  /** Notification text, if any. */
  text?: string;
  /** Alert instead of a toast. */
  show_alert?: boolean;
  /** URL to open, if any. */
  url?: string;
  /** When the call arrived (performance.now()). */
  at: number;
}

/** The webhook registered with `setWebhook`. */
export interface WebhookRegistration {
  /** Where updates go. */
  url: string;
  /** Sent back in `X-Telegram-Bot-Api-Secret-Token`. */
  secret_token?: string;
  /** Update types asked for. */
  allowed_updates?: string[];
  /** Whether the queue was dropped when setting it. */
  drop_pending_updates?: boolean;
  /** Connection cap asked for (default 40). */
  max_connections: number;
}

/** One POST the fake made to the webhook. */
export interface WebhookDelivery {
  /** Which update. */
  update_id: number;
  /** The HTTP status the webhook answered. */
  status: number;
  /** The secret header sent (null when none was sent). */
  secret: string | null;
  /** The webhook's answer body. */
  response: string;
  /** When it was sent (performance.now()). */
  at: number;
}

/** One file download from `/file/bot{token}/…`. */
export interface FileDownload {
  /** The file_path asked for. */
  path: string;
  /** HTTP status answered. */
  status: number;
  /** When it arrived (performance.now()). */
  at: number;
}

/** Options for {@link FakeBotApi.pushGroupText}. */
export interface GroupTextOptions {
  /** Put `@pintu_test_bot` in the text (prefixed when missing) with a `mention` entity. */
  mention?: boolean;
  /** Make the message a reply to the bot's latest message in that group. */
  replyToBot?: boolean;
  /** The sender's user id (default 700000001). */
  fromId?: number;
  /** Group title (default "Warga Kota Probolinggo"). */
  title?: string;
}

type Params = Record<string, unknown>;
type UpdateKind = Exclude<keyof Update, 'update_id'>;
/** A message as `Update.message` carries it (never from a channel). */
type UpdateMessage = NonNullable<Update['message']>;
/** A message as `Message.reply_to_message` carries it (no nested reply). */
type ReplyMessage = NonNullable<Message['reply_to_message']>;
type HandlerResult = { result: unknown; description?: string };
type Handler = (p: Params, at: number, signal: AbortSignal) => HandlerResult | Promise<HandlerResult>;
type Answer = { status: number; body: Record<string, unknown> };

/** A failed call; becomes an `{ ok: false }` answer. */
class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

function badRequest(what: string): ApiError {
  return new ApiError(400, `Bad Request: ${what}`);
}

/** Update types Telegram leaves out unless asked for explicitly. */
const NOT_BY_DEFAULT = new Set<string>(['chat_member', 'message_reaction', 'message_reaction_count']);

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** Fields of an inline button that make it do something (exactly one is required). */
const INLINE_BUTTON_ACTIONS = [
  'callback_data',
  'url',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'callback_game',
  'pay',
  'web_app',
  'copy_text',
] as const;

const now = (): number => Math.floor(Date.now() / 1000);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byteOffset = (text: string, index: number): number => Buffer.byteLength(text.slice(0, index), 'utf8');
/** `message` as it appears inside another message's `reply_to_message` (Telegram does not nest replies). */
function asReply(message: Message): ReplyMessage {
  const { reply_to_message: _nested, ...rest } = message;
  return rest as ReplyMessage;
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Markup parsing: what Telegram does with parse_mode, reduced to the checks and results tests rely on.
// ---------------------------------------------------------------------------------------------------------------

type Parsed = { text: string; entities: MessageEntity[] };

class MarkupError extends Error {}

const HTML_ENTITY_TYPES: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

/** The named/numeric character references Telegram decodes in HTML; any other `&` stays literal. */
function decodeHtmlEntity(text: string, at: number): { value: string; length: number } | undefined {
  const m = /^&(lt|gt|amp|quot|#(\d{1,7})|#x([0-9a-f]{1,6}));/i.exec(text.slice(at, at + 12));
  if (!m) return undefined;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  const code = m[2] ? Number(m[2]) : m[3] ? parseInt(m[3], 16) : undefined;
  const value = code === undefined ? named[m[1]!.toLowerCase()]! : String.fromCodePoint(Math.min(code, 0x10ffff));
  return { value, length: m[0].length };
}

/** Telegram's entity order: by offset, the enclosing (longer) one first. */
const byPosition = (a: MessageEntity, b: MessageEntity): number => a.offset - b.offset || b.length - a.length;

function makeEntity(type: MessageEntity['type'], offset: number, length: number, argument?: string): MessageEntity {
  if (type === 'text_link') return { type, offset, length, url: argument ?? '' };
  if (type === 'custom_emoji') return { type, offset, length, custom_emoji_id: argument ?? '' };
  if (type === 'pre') return argument ? { type, offset, length, language: argument } : { type, offset, length };
  return { type, offset, length } as MessageEntity;
}

/** Telegram's HTML parse mode: supported tags only, properly nested and closed; `<br>` and stray `<` are errors. */
function parseHtml(source: string): Parsed {
  let out = '';
  const entities: MessageEntity[] = [];
  const open: { tag: string; offset: number; argument?: string }[] = [];
  const codeLanguages = new Map<MessageEntity, string>();
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '&') {
      const decoded = decodeHtmlEntity(source, i);
      if (decoded) {
        out += decoded.value;
        i += decoded.length;
        continue;
      }
    }
    if (ch !== '<') {
      out += ch;
      i++;
      continue;
    }
    const tagStart = i;
    const close = source.indexOf('>', i);
    if (source[i + 1] === '/') {
      if (open.length === 0) throw new MarkupError(`Unexpected end tag at byte offset ${byteOffset(source, tagStart)}`);
      if (close < 0) throw new MarkupError(`Unclosed end tag at byte offset ${byteOffset(source, tagStart)}`);
      const name = source.slice(i + 2, close).trim().toLowerCase();
      const top = open[open.length - 1]!;
      if (name && name !== top.tag) {
        throw new MarkupError(
          `Unmatched end tag at byte offset ${byteOffset(source, tagStart)}, expected "</${top.tag}>", found "</${name}>"`,
        );
      }
      open.pop();
      const length = out.length - top.offset;
      const last = entities[entities.length - 1];
      if (top.tag === 'pre' && last?.type === 'code' && last.offset === top.offset && last.length === length) {
        // <pre><code class="language-x">…</code></pre> is one pre entity with a language.
        entities.pop();
        entities.push(makeEntity('pre', top.offset, length, codeLanguages.get(last) ?? top.argument));
      } else if (length > 0) {
        const entity = makeEntity(HTML_ENTITY_TYPES[top.tag]!, top.offset, length, top.tag === 'code' ? undefined : top.argument);
        if (top.tag === 'code' && top.argument) codeLanguages.set(entity, top.argument);
        entities.push(entity);
      }
      i = close + 1;
      continue;
    }
    const nameMatch = /^[^\s>]*/.exec(source.slice(i + 1))!;
    const name = nameMatch[0].toLowerCase();
    if (i + 1 + nameMatch[0].length >= source.length) throw new MarkupError(`Unclosed start tag at byte offset ${byteOffset(source, tagStart)}`);
    if (!(name in HTML_ENTITY_TYPES)) {
      throw new MarkupError(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, tagStart)}`);
    }
    if (close < 0) throw new MarkupError(`Unclosed start tag at byte offset ${byteOffset(source, tagStart)}`);
    const attributes = source.slice(i + 1 + nameMatch[0].length, close);
    const attr = (key: string): string | undefined => {
      const m = new RegExp(`(?:^|\\s)${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
      if (!m) return undefined;
      const raw = m[1] ?? m[2] ?? m[3] ?? '';
      return raw.replace(/&(lt|gt|amp|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[e]!);
    };
    let argument: string | undefined;
    if (name === 'a') argument = attr('href');
    if (name === 'tg-emoji') argument = attr('emoji-id');
    if (name === 'code') argument = attr('class')?.match(/^language-(.+)$/)?.[1];
    if (name === 'span' && attr('class') !== 'tg-spoiler') {
      throw new MarkupError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, tagStart)}`);
    }
    open.push({ tag: name, offset: out.length, ...(argument !== undefined && { argument }) });
    i = close + 1;
  }
  if (open.length > 0) throw new MarkupError(`Can't find end tag corresponding to start tag "${open[open.length - 1]!.tag}"`);
  return { text: out, entities: entities.sort(byPosition) };
}

const MARKDOWN_V2_RESERVED = '_*[]()~`>#+-=|{}.!';

const MARKDOWN_V2_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
};

/**
 * Telegram's MarkdownV2, enough to catch what goes wrong in practice: every reserved character outside an entity
 * marker must be escaped, and every entity must be closed. Blockquote `>` is accepted at the start of a line.
 */
function parseMarkdownV2(source: string): Parsed {
  let out = '';
  const entities: MessageEntity[] = [];
  const open: { type: MessageEntity['type']; marker: string; offset: number; at: number }[] = [];
  const toggle = (type: MessageEntity['type'], marker: string, at: number): void => {
    const index = open.findIndex((o) => o.type === type);
    if (index < 0) {
      open.push({ type, marker, offset: out.length, at });
      return;
    }
    if (index !== open.length - 1) {
      const inner = open[open.length - 1]!;
      throw new MarkupError(`Can't find end of ${MARKDOWN_V2_NAMES[inner.type] ?? inner.type} entity at byte offset ${byteOffset(source, inner.at)}`);
    }
    const o = open.pop()!;
    if (out.length > o.offset) entities.push(makeEntity(type, o.offset, out.length - o.offset));
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      if (i + 1 >= source.length) throw new MarkupError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      out += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const fence = source.startsWith('```', i);
      const marker = fence ? '```' : '`';
      let j = i + marker.length;
      let content = '';
      while (j < source.length && !source.startsWith(marker, j)) {
        if (source[j] === '\\' && j + 1 < source.length) {
          content += source[j + 1];
          j += 2;
        } else {
          content += source[j];
          j++;
        }
      }
      if (j >= source.length) throw new MarkupError(`Can't find end of ${fence ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(source, i)}`);
      let language: string | undefined;
      if (fence) {
        const firstLine = /^([^\s`]*)\n/.exec(content);
        if (firstLine) {
          language = firstLine[1] || undefined;
          content = content.slice(firstLine[0].length);
        }
      }
      const offset = out.length;
      out += content;
      if (content) entities.push(makeEntity(fence ? 'pre' : 'code', offset, content.length, language));
      i = j + marker.length;
      continue;
    }
    if (ch === '*') {
      toggle('bold', '*', i);
      i++;
      continue;
    }
    if (ch === '_') {
      const double = source[i + 1] === '_';
      toggle(double ? 'underline' : 'italic', double ? '__' : '_', i);
      i += double ? 2 : 1;
      continue;
    }
    if (ch === '~') {
      toggle('strikethrough', '~', i);
      i++;
      continue;
    }
    if (ch === '|' && source[i + 1] === '|') {
      toggle('spoiler', '||', i);
      i += 2;
      continue;
    }
    if (ch === '[') {
      open.push({ type: 'text_link', marker: '[', offset: out.length, at: i });
      i++;
      continue;
    }
    if (ch === ']' && open[open.length - 1]?.type === 'text_link' && source[i + 1] === '(') {
      let j = i + 2;
      let url = '';
      while (j < source.length && source[j] !== ')') {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        url += source[j];
        j++;
      }
      if (j >= source.length) throw new MarkupError(`Can't find end of a url at byte offset ${byteOffset(source, i + 2)}`);
      const o = open.pop()!;
      if (out.length > o.offset) entities.push(makeEntity('text_link', o.offset, out.length - o.offset, url));
      i = j + 1;
      continue;
    }
    if (ch === '>' && (i === 0 || source[i - 1] === '\n')) {
      i++;
      continue;
    }
    if (MARKDOWN_V2_RESERVED.includes(ch)) {
      throw new MarkupError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += ch;
    i++;
  }
  if (open.length > 0) {
    const o = open[open.length - 1]!;
    throw new MarkupError(`Can't find end of ${MARKDOWN_V2_NAMES[o.type] ?? o.type} entity at byte offset ${byteOffset(source, o.at)}`);
  }
  return { text: out, entities: entities.sort(byPosition) };
}

/** Telegram's legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`, no nesting. */
function parseLegacyMarkdown(source: string): Parsed {
  let out = '';
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\' && '_*`['.includes(source[i + 1] ?? '')) {
      out += source[i + 1];
      i += 2;
      continue;
    }
    const marker = source.startsWith('```', i) ? '```' : '*_`['.includes(ch) ? ch : undefined;
    if (!marker) {
      out += ch;
      i++;
      continue;
    }
    const endMarker = marker === '[' ? ']' : marker;
    const end = source.indexOf(endMarker, i + marker.length);
    if (end < 0) throw new MarkupError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
    const content = source.slice(i + marker.length, end);
    const offset = out.length;
    out += content;
    let next = end + endMarker.length;
    if (marker === '[') {
      const url = /^\(([^)]*)\)/.exec(source.slice(next));
      if (url) {
        if (content) entities.push(makeEntity('text_link', offset, content.length, url[1]));
        next += url[0].length;
      }
    } else if (content) {
      const type = ({ '*': 'bold', _: 'italic', '`': 'code', '```': 'pre' } as const)[marker as '*' | '_' | '`' | '```'];
      entities.push(makeEntity(type, offset, content.length));
    }
    i = next;
  }
  return { text: out, entities };
}

/** Telegram trims messages; entities move with the text and are cut to it. */
function trimParsed({ text, entities }: Parsed): Parsed {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept = entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      const end = Math.min(trimmed.length, e.offset + e.length - lead);
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
  return { text: trimmed, entities: kept };
}

// ---------------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------------

interface StoredFile {
  file: File;
  bytes: Buffer;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Form and query values are strings; JSON-looking ones (reply_markup, allowed_updates) are decoded like Telegram does. */
function decodeFormValue(value: string): unknown {
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function parseParams(contentType: string | undefined, raw: Buffer, query: URLSearchParams): Params {
  const params: Params = {};
  for (const [k, v] of query) params[k] = decodeFormValue(v);
  const type = (contentType ?? '').toLowerCase();
  if (raw.length === 0) return params;
  if (type.startsWith('multipart/form-data')) {
    throw badRequest('multipart/form-data uploads are not supported by the fake Bot API (send photos by URL or file_id)');
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) params[k] = decodeFormValue(v);
    return params;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest("can't parse JSON encoded request body");
  }
  if (!isRecord(json)) throw badRequest('request body must be a JSON object');
  return { ...params, ...json };
}

function intParam(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : fallback;
}

function numberParam(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function boolParam(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

function updateKind(update: Update): UpdateKind | undefined {
  return (Object.keys(update) as (keyof Update)[]).find((k): k is UpdateKind => k !== 'update_id' && update[k] !== undefined);
}

/** Drops the oldest entries that fell out of the window ending at `t`; returns the array for chaining. */
function prune(times: number[], t: number, windowMs: number): number[] {
  while (times.length > 0 && times[0]! <= t - windowMs) times.shift();
  return times;
}

/** Seconds until the oldest send in a full window leaves it, rounded up, at least 1. */
function retryAfter(times: number[], t: number, windowMs: number): number {
  return Math.max(1, Math.ceil((times[0]! + windowMs - t) / 1000));
}

/**
 * A running fake Bot API. Start one with {@link startFakeBotApi}; point grammY at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 */
export class FakeBotApi {
  /** The token the fake accepts. */
  readonly token: string;
  /** What `getMe` answers. */
  readonly me: UserFromGetMe;
  /** Every method call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Accepted `answerCallbackQuery` calls, in order. */
  readonly callbackAnswers: CallbackAnswer[] = [];
  /** Every POST made to the webhook by {@link deliverToWebhook}. */
  readonly deliveries: WebhookDelivery[] = [];
  /** Every file download. */
  readonly downloads: FileDownload[] = [];
  /** Chats whose user blocked the bot: sends and chat actions there get 403. Change at will. */
  readonly blockedChats: Set<number>;
  /** Chats Telegram does not know: sends there get 400 "chat not found". Change at will. */
  readonly missingChats: Set<number>;
  /** Current rate limits (undefined: none). Change at will. */
  rateLimit: RateLimitOptions | undefined;
  /** Longest hold of a `getUpdates` call, seconds. Change at will. */
  maxPollSeconds: number;
  /** Delay before every method answer, ms. Change at will. */
  latencyMs: number;

  private server: http.Server | undefined;
  private root = '';
  private queue: Update[] = [];
  private nextUpdateId: number;
  private allowedUpdates: Set<string> | undefined;
  private readonly updateWaiters = new Set<() => void>();
  private readonly recordWaiters = new Set<() => void>();
  private terminatePoll: (() => void) | undefined;
  private registration: WebhookRegistration | null = null;
  private lastWebhookError: { date: number; message: string } | undefined;
  private readonly failures = new Map<string, ApiFailure[]>();
  private readonly drops = new Map<string, number>();
  private readonly users = new Map<number, User>();
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<number, Map<number, Message>>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly photosByFileId = new Map<string, PhotoSize[]>();
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly sentLog: SentMessage[] = [];
  private readonly globalWindow: number[] = [];
  private readonly chatWindows = new Map<number, number[]>();
  private readonly groupMinuteWindows = new Map<number, number[]>();
  private readonly perChatMax = new Map<number, number>();
  private globalMax = 0;
  private answered429 = 0;
  private fileCounter = 0;
  private callbackCounter = 0;
  private readonly handlers: Record<string, Handler>;
  private readonly methodNames = new Map<string, string>();

  /** Use {@link startFakeBotApi}; the constructor does not listen. */
  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    const botId = Number(/^(\d+):/.exec(this.token)?.[1] ?? 123456);
    this.me = {
      id: botId,
      is_bot: true,
      first_name: options.firstName ?? 'Pintu Test',
      username: options.username ?? DEFAULT_BOT_USERNAME,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.blockedChats = new Set(options.blockedChats ?? []);
    this.missingChats = new Set(options.missingChats ?? []);
    this.rateLimit = options.rateLimit;
    this.maxPollSeconds = options.maxPollSeconds ?? 1;
    this.latencyMs = options.latencyMs ?? 0;
    this.nextUpdateId = options.firstUpdateId ?? 100_000_001;
    this.handlers = {
      getMe: () => ({ result: this.me }),
      getUpdates: async (p, _at, signal) => ({ result: await this.getUpdates(p, signal) }),
      sendMessage: (p, at) => ({ result: this.sendMessage(p, at) }),
      sendPhoto: (p, at) => ({ result: this.sendPhoto(p, at) }),
      sendLocation: (p, at) => ({ result: this.sendLocation(p, at) }),
      sendChatAction: (p) => this.sendChatAction(p),
      answerCallbackQuery: (p, at) => this.answerCallbackQuery(p, at),
      editMessageReplyMarkup: (p) => ({ result: this.editMessage(p, false) }),
      editMessageText: (p) => ({ result: this.editMessage(p, true) }),
      deleteMessage: (p) => this.deleteMessage(p),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => ({ result: this.webhookInfo() }),
      getFile: (p) => ({ result: this.getFile(p) }),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => ({ result: this.commands.get(this.commandsKey(p)) ?? [] }),
      deleteMyCommands: (p) => {
        this.commands.delete(this.commandsKey(p));
        return { result: true };
      },
    };
    for (const name of Object.keys(this.handlers)) this.methodNames.set(name.toLowerCase(), name);
  }

  /** Base URL to give grammY as `client.apiRoot`, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  get apiRoot(): string {
    return this.root;
  }

  // ----- recording -----------------------------------------------------------------------------------------------

  /** The successful send calls (sendMessage, sendPhoto, sendLocation), in order; only those to `chatId` if given. */
  sent(chatId?: number): SentMessage[] {
    return chatId === undefined ? [...this.sentLog] : this.sentLog.filter((s) => s.chatId === chatId);
  }

  /** The recorded calls of one method, in order. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The registered webhook (null when none). */
  get webhook(): WebhookRegistration | null {
    return this.registration;
  }

  /** Updates queued and not yet confirmed (by a getUpdates offset) or delivered (to the webhook). */
  get pending(): readonly Update[] {
    return [...this.queue];
  }

  /** How many 429 answers were given (rate limits and `failNext` 429s). */
  get rateLimited(): number {
    return this.answered429;
  }

  /** Most successful sends in any rolling second, all chats together. */
  get maxSendsInAnySecond(): number {
    return this.globalMax;
  }

  /** Most successful sends to a single chat in any rolling second, over all chats. */
  get maxSendsPerChatInAnySecond(): number {
    let max = 0;
    for (const n of this.perChatMax.values()) max = Math.max(max, n);
    return max;
  }

  /** Most successful sends to `chatId` in any rolling second. */
  maxSendsInAnySecondTo(chatId: number): number {
    return this.perChatMax.get(chatId) ?? 0;
  }

  /** The commands set with `setMyCommands` for the default scope (or the given scope / language). */
  myCommands(scope: Record<string, unknown> = { type: 'default' }, languageCode = ''): BotCommand[] {
    return this.commands.get(this.commandsKey({ scope, language_code: languageCode })) ?? [];
  }

  /** The messages in a chat the fake knows (the resident's and the bot's), by message_id order. */
  chatMessages(chatId: number): Message[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].sort((a, b) => a.message_id - b.message_id);
  }

  /** Forgets the recordings and counters (not the queue, chats, files or webhook). */
  resetRecords(): void {
    this.calls.length = 0;
    this.callbackAnswers.length = 0;
    this.deliveries.length = 0;
    this.downloads.length = 0;
    this.sentLog.length = 0;
    this.globalWindow.length = 0;
    this.chatWindows.clear();
    this.groupMinuteWindows.clear();
    this.perChatMax.clear();
    this.globalMax = 0;
    this.answered429 = 0;
  }

  /** Resolves once `sent(chatId)` holds at least `count` messages; rejects after `timeoutMs` (default 3000). */
  waitForSent(count: number, options: { chatId?: number; timeoutMs?: number } = {}): Promise<SentMessage[]> {
    return this.waitUntil(
      () => (this.sent(options.chatId).length >= count ? this.sent(options.chatId) : undefined),
      options.timeoutMs ?? 3000,
      () => `${count} sent message(s)${options.chatId === undefined ? '' : ` to chat ${options.chatId}`}`,
    );
  }

  /** Resolves once `count` answered calls of `method` were recorded; rejects after `timeoutMs` (default 3000). */
  waitForCalls(method: string, count: number, timeoutMs = 3000): Promise<RecordedCall[]> {
    return this.waitUntil(
      () => {
        const done = this.calls.filter((c) => c.method === method && c.status !== 0);
        return done.length >= count ? done : undefined;
      },
      timeoutMs,
      () => `${count} answered ${method} call(s)`,
    );
  }

  private waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const first = check();
      if (first !== undefined) {
        resolve(first);
        return;
      }
      const listener = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map((c) => `${c.method}:${c.status}`).join(', ');
        reject(new Error(`Fake Bot API: timed out after ${timeoutMs} ms waiting for ${what()}; calls so far: ${seen || 'none'}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.recordWaiters.delete(listener);
      };
      this.recordWaiters.add(listener);
    });
  }

  private notifyRecord(): void {
    for (const listener of [...this.recordWaiters]) listener();
  }

  // ----- misbehaviour -------------------------------------------------------------------------------------------

  /** The user of `chatId` blocks the bot: sends to that chat get 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: number): void {
    this.blockedChats.add(chatId);
  }

  /** The user of `chatId` unblocks the bot. */
  unblockChat(chatId: number): void {
    this.blockedChats.delete(chatId);
  }

  /**
   * The next call of `method` (any method, even an unknown one) is answered with this error, once. Calls stack:
   * two `failNext` for the same method fail the next two calls.
   */
  failNext(method: string, failure: ApiFailure): void {
    const list = this.failures.get(method) ?? [];
    list.push(failure);
    this.failures.set(method, list);
  }

  /** The next call of `method` gets no answer: its connection is destroyed (grammY raises an HttpError). */
  dropNext(method: string): void {
    this.drops.set(method, (this.drops.get(method) ?? 0) + 1);
  }

  // ----- residents and their updates ----------------------------------------------------------------------------

  /** Sets who a private chat belongs to (name, username, language) for the updates pushed after this. */
  setUser(userId: number, patch: Partial<Omit<User, 'id' | 'is_bot'>>): User {
    const user: User = { ...this.userFor(userId), ...patch };
    this.users.set(userId, user);
    if (userId > 0) this.chats.set(userId, this.privateChatOf(user));
    return user;
  }

  /**
   * Queues any update. `update_id` is assigned when missing; messages, chats and callback queries in it become
   * known to the fake (so replies, edits and answers to them work). Like Telegram, an update of a type the bot did
   * not subscribe to (the last `allowed_updates` given to getUpdates or setWebhook; by default all but
   * chat_member, message_reaction and message_reaction_count) is not queued; it is still returned.
   */
  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = this.register(update);
    if (!this.subscribed(full)) return full;
    this.queue.push(full);
    for (const waiter of [...this.updateWaiters]) waiter();
    return full;
  }

  /** Queues a private text message from the resident of `chatId`. `extra` is merged over the Message. */
  pushText(chatId: number, text: string, extra: Partial<Message> = {}): Update {
    return this.push({ message: { ...this.userMessage(chatId), text, ...extra } as UpdateMessage });
  }

  /** Queues a command (e.g. "/start" or "/status@pintu_test_bot 12") with its `bot_command` entity. */
  pushCommand(chatId: number, command: string, extra: Partial<Message> = {}): Update {
    const text = command.startsWith('/') ? command : `/${command}`;
    const length = /^\S+/.exec(text)![0].length;
    return this.pushText(chatId, text, { entities: [{ type: 'bot_command', offset: 0, length }], ...extra });
  }

  /**
   * Queues a press on an inline button. The query is attached to the bot's message `messageId` in that chat, or
   * when not given to the bot's latest message with an inline keyboard there (a stand-in bot message is made when
   * the bot has sent none).
   */
  pushCallback(chatId: number, data: string, messageId?: number): Update {
    const message = this.callbackMessage(chatId, data, messageId);
    const from = chatId > 0 ? this.userFor(chatId) : this.userFor(700_000_001);
    this.callbackCounter++;
    const id = String(4_000_000_000_000_000_000n + BigInt(from.id) * 1000n + BigInt(this.callbackCounter));
    const chatInstance = String(-5_000_000_000_000_000_000n - BigInt(Math.abs(chatId)));
    return this.push({ callback_query: { id, from, message, chat_instance: chatInstance, data } });
  }

  /** Queues a shared location (the reply to a `request_location` button). */
  pushLocation(chatId: number, latitude: number, longitude: number): Update {
    return this.push({ message: { ...this.userMessage(chatId), location: { latitude, longitude } } as UpdateMessage });
  }

  /**
   * Queues a photo: three PhotoSize entries, growing, each with its own file_id / file_unique_id. Only the largest
   * is downloadable (getFile on a smaller one is "invalid file_id"), so code that takes `photo[0]` fails loudly.
   */
  pushPhoto(chatId: number, caption?: string, options: { bytes?: Buffer } = {}): Update {
    const photo = this.makePhoto(options.bytes ?? TINY_JPEG);
    return this.push({
      message: { ...this.userMessage(chatId), photo, ...(caption !== undefined && { caption }) } as UpdateMessage,
    });
  }

  /** Queues a shared contact; by default the resident's own (the reply to a `request_contact` button). */
  pushContact(chatId: number, phone: string, options: { own?: boolean; firstName?: string } = {}): Update {
    const user = this.userFor(chatId);
    const own = options.own ?? true;
    const contact = {
      phone_number: phone,
      first_name: options.firstName ?? user.first_name,
      ...(own && user.last_name !== undefined && { last_name: user.last_name }),
      ...(own && { user_id: user.id }),
    };
    return this.push({ message: { ...this.userMessage(chatId), contact } as UpdateMessage });
  }

  /** Queues an `edited_message`: the resident's message `messageId` (default their latest) with new text. */
  pushEdited(chatId: number, text: string, messageId?: number): Update {
    const mine = this.chatMessages(chatId).filter((m) => !m.from?.is_bot);
    let original = messageId === undefined ? mine[mine.length - 1] : mine.find((m) => m.message_id === messageId);
    if (!original) {
      original = { ...this.userMessage(chatId), text: '' } as Message;
      if (messageId !== undefined) original = { ...original, message_id: messageId };
      this.storeMessage(original);
    }
    const edited = { ...original, text, edit_date: now() } as NonNullable<Update['edited_message']>;
    delete (edited as { entities?: unknown }).entities;
    return this.push({ edited_message: edited });
  }

  /** Queues a text message in a group (supergroup when the id starts with -100), optionally mentioning the bot. */
  pushGroupText(groupChatId: number, text: string, options: GroupTextOptions = {}): Update {
    const chat = this.groupChat(groupChatId, options.title);
    const from = this.userFor(options.fromId ?? 700_000_001);
    const mention = `@${this.me.username}`;
    let body = text;
    const entities: MessageEntity[] = [];
    if (options.mention && !body.includes(mention)) body = `${mention} ${body}`;
    const command = /^\/\S+/.exec(body);
    if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
    const at = options.mention ? body.indexOf(mention) : -1;
    if (at >= 0 && !(command && at < command[0].length)) entities.push({ type: 'mention', offset: at, length: mention.length });
    let reply: Message | undefined;
    if (options.replyToBot) {
      const fromBot = this.chatMessages(groupChatId).filter((m) => m.from?.is_bot);
      reply = fromBot[fromBot.length - 1] ?? this.storeMessage(this.botMessage(groupChatId, { text: 'Halo dari Pintu.' }));
    }
    const message = {
      message_id: this.allocateMessageId(groupChatId),
      from,
      chat,
      date: now(),
      text: body,
      ...(entities.length > 0 && { entities }),
      ...(reply && { reply_to_message: asReply(reply) }),
    } as UpdateMessage;
    return this.push({ message });
  }

  // ----- webhook delivery ---------------------------------------------------------------------------------------

  /**
   * POSTs `update` to the registered webhook the way Telegram does and returns the HTTP status. The
   * `X-Telegram-Bot-Api-Secret-Token` header carries the registered secret, or `secret` when given, or is left out
   * when `secret` is null. A 2xx removes the update from the queue; anything else is kept as the webhook's last
   * error (getWebhookInfo). A method call in the answer body (grammY's webhook reply) is executed like Telegram does.
   */
  async deliverToWebhook(update: Update, options: { secret?: string | null } = {}): Promise<number> {
    const hook = this.registration;
    if (!hook) throw new Error('Fake Bot API: deliverToWebhook needs a webhook (call setWebhook first)');
    if (!this.queue.some((u) => u.update_id === update.update_id)) this.register(update);
    const secret = options.secret === undefined ? (hook.secret_token ?? null) : options.secret;
    const at = performance.now();
    const { status, text } = await this.post(hook.url, JSON.stringify(update), secret);
    this.deliveries.push({ update_id: update.update_id, status, secret, response: text, at });
    if (status >= 200 && status < 300) {
      this.queue = this.queue.filter((u) => u.update_id !== update.update_id);
      await this.runWebhookReply(text);
    } else {
      this.lastWebhookError = { date: now(), message: `Wrong response from the webhook: ${status} ${http.STATUS_CODES[status] ?? ''}`.trim() };
    }
    this.notifyRecord();
    return status;
  }

  /** Delivers every queued update to the webhook once, in order; returns their statuses. */
  async deliverPendingToWebhook(options: { secret?: string | null } = {}): Promise<number[]> {
    const statuses: number[] = [];
    for (const update of [...this.queue]) statuses.push(await this.deliverToWebhook(update, options));
    return statuses;
  }

  private post(target: string, body: string, secret: string | null): Promise<{ status: number; text: string }> {
    const url = new URL(target);
    const client = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    };
    if (secret !== null) headers['X-Telegram-Bot-Api-Secret-Token'] = secret;
    return new Promise((resolve, reject) => {
      const req = client.request(url, { method: 'POST', headers, agent: false, rejectUnauthorized: false }, (res) => {
        readBody(res)
          .then((raw) => resolve({ status: res.statusCode ?? 0, text: raw.toString('utf8') }))
          .catch(reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  private async runWebhookReply(text: string): Promise<void> {
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRecord(reply) || typeof reply.method !== 'string') return;
    const { method, ...params } = reply;
    await this.invoke(method, params, { tokenOk: true, viaWebhookReply: true, signal: new AbortController().signal });
  }

  // ----- HTTP -------------------------------------------------------------------------------------------------

  /** Starts listening on a random local port (done by {@link startFakeBotApi}). */
  async listen(): Promise<this> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers the long polls still held (with no updates), closes every connection and stops the server. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const waiter of [...this.updateWaiters]) waiter();
    await sleep(0);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && (req.method === 'GET' || req.method === 'HEAD')) {
      this.serveFile(decodeURIComponent(file[1]!), decodeURIComponent(file[2]!), res);
      return;
    }
    const call = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
    if (!call) {
      writeJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const raw = await readBody(req);
    const methodName = decodeURIComponent(call[2]!);
    const method = this.methodNames.get(methodName.toLowerCase()) ?? methodName;
    const drop = this.drops.get(method) ?? 0;
    if (drop > 0) {
      this.drops.set(method, drop - 1);
      this.calls.push({ method, body: {}, at: performance.now(), status: 0, aborted: true });
      req.socket.destroy();
      this.notifyRecord();
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let params: Params = {};
    let parseError: ApiError | undefined;
    try {
      params = parseParams(req.headers['content-type'], raw, url.searchParams);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      parseError = err;
    }
    const answer = await this.invoke(methodName, params, {
      tokenOk: decodeURIComponent(call[1]!) === this.token,
      signal: controller.signal,
      ...(parseError && { parseError }),
    });
    if (!controller.signal.aborted) writeJson(res, answer.status, answer.body);
  }

  private serveFile(token: string, path: string, res: http.ServerResponse): void {
    const at = performance.now();
    const stored = token === this.token ? this.filesByPath.get(path) : undefined;
    const status = token !== this.token ? 401 : stored ? 200 : 404;
    this.downloads.push({ path, status, at });
    if (!stored) {
      writeJson(res, status, { ok: false, error_code: status, description: status === 401 ? 'Unauthorized' : 'Not Found' });
      return;
    }
    res.writeHead(200, { 'Content-Type': path.endsWith('.jpg') ? 'image/jpeg' : 'application/octet-stream', 'Content-Length': stored.bytes.length });
    res.end(stored.bytes);
  }

  private async invoke(
    methodName: string,
    params: Params,
    opts: { tokenOk: boolean; signal: AbortSignal; parseError?: ApiError; viaWebhookReply?: boolean },
  ): Promise<Answer> {
    const at = performance.now();
    const method = this.methodNames.get(methodName.toLowerCase()) ?? methodName;
    const record: RecordedCall = { method, body: params, at, status: 0, ...(opts.viaWebhookReply && { viaWebhookReply: true }) };
    this.calls.push(record);
    let answer: Answer;
    try {
      if (!opts.tokenOk) throw new ApiError(401, 'Unauthorized');
      if (opts.parseError) throw opts.parseError;
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const failure = this.failures.get(method)?.shift();
      if (failure) throw new ApiError(failure.error_code, failure.description, failure.parameters);
      const handler = this.handlers[method];
      if (!handler) throw new ApiError(404, 'Not Found: method not found');
      const { result, description } = await handler(params, performance.now(), opts.signal);
      record.result = result;
      answer = { status: 200, body: { ok: true, result, ...(description !== undefined && { description }) } };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      record.description = err.description;
      if (err.errorCode === 429) this.answered429++;
      const status = err.errorCode >= 200 && err.errorCode <= 599 ? err.errorCode : 400;
      answer = {
        status,
        body: { ok: false, error_code: err.errorCode, description: err.description, ...(err.parameters && { parameters: err.parameters }) },
      };
    }
    if (opts.signal.aborted) record.aborted = true;
    else record.status = answer.status;
    this.notifyRecord();
    return answer;
  }

  // ----- getUpdates -------------------------------------------------------------------------------------------

  private async getUpdates(p: Params, signal: AbortSignal): Promise<Update[]> {
    if (this.registration) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    this.terminatePoll?.();
    const offset = intParam(p.offset, 0);
    const limit = Math.min(100, Math.max(1, intParam(p.limit, 100)));
    const timeout = Math.max(0, numberParam(p.timeout) ?? 0);
    this.subscribe(p.allowed_updates);
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
    const batch = this.takeUpdates(limit);
    if (batch.length > 0 || timeout === 0 || !this.server) return batch;
    const outcome = await new Promise<'update' | 'timeout' | 'conflict' | 'aborted'>((resolve) => {
      const finish = (how: 'update' | 'timeout' | 'conflict' | 'aborted'): void => {
        clearTimeout(timer);
        this.updateWaiters.delete(onUpdate);
        signal.removeEventListener('abort', onAbort);
        if (this.terminatePoll === onConflict) this.terminatePoll = undefined;
        resolve(how);
      };
      const onUpdate = (): void => finish('update');
      const onAbort = (): void => finish('aborted');
      const onConflict = (): void => finish('conflict');
      const timer = setTimeout(() => finish('timeout'), Math.min(timeout, this.maxPollSeconds) * 1000);
      this.updateWaiters.add(onUpdate);
      signal.addEventListener('abort', onAbort);
      this.terminatePoll = onConflict;
    });
    if (outcome === 'conflict') {
      throw new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    }
    return this.takeUpdates(limit);
  }

  /** The first `limit` queued updates. */
  private takeUpdates(limit: number): Update[] {
    return this.queue.slice(0, limit);
  }

  /** Whether the bot's current `allowed_updates` covers this update's type. */
  private subscribed(update: Update): boolean {
    const kind = updateKind(update);
    if (!kind) return false;
    return this.allowedUpdates ? this.allowedUpdates.has(kind) : !NOT_BY_DEFAULT.has(kind);
  }

  /** `allowed_updates` of getUpdates/setWebhook: a list replaces the subscription, an empty list restores the default. */
  private subscribe(allowed: unknown): void {
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.length > 0 ? new Set(allowed.map(String)) : undefined;
  }

  // ----- webhook methods --------------------------------------------------------------------------------------

  private setWebhook(p: Params): HandlerResult {
    const url = typeof p.url === 'string' ? p.url.trim() : '';
    if (!url) return this.deleteWebhook(p);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('invalid webhook URL specified');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secret = p.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      throw badRequest('secret token contains unallowed characters');
    }
    const maxConnections = intParam(p.max_connections, 40);
    if (maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be between 1 and 100');
    const drop = boolParam(p.drop_pending_updates);
    if (drop) this.queue = [];
    this.subscribe(p.allowed_updates);
    this.registration = {
      url,
      ...(typeof secret === 'string' && { secret_token: secret }),
      ...(Array.isArray(p.allowed_updates) && { allowed_updates: p.allowed_updates.map(String) }),
      ...(p.drop_pending_updates !== undefined && { drop_pending_updates: drop }),
      max_connections: maxConnections,
    };
    this.lastWebhookError = undefined;
    return { result: true, description: 'Webhook was set' };
  }

  private deleteWebhook(p: Params): HandlerResult {
    if (boolParam(p.drop_pending_updates)) this.queue = [];
    const had = this.registration !== null;
    this.registration = null;
    this.lastWebhookError = undefined;
    return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' };
  }

  private webhookInfo(): WebhookInfo {
    const hook = this.registration;
    if (!hook) return { url: '', has_custom_certificate: false, pending_update_count: this.queue.length };
    return {
      url: hook.url,
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
      ip_address: '127.0.0.1',
      max_connections: hook.max_connections,
      ...(hook.allowed_updates && { allowed_updates: hook.allowed_updates as WebhookInfo['allowed_updates'] }),
      ...(this.lastWebhookError && {
        last_error_date: this.lastWebhookError.date,
        last_error_message: this.lastWebhookError.message,
      }),
    };
  }

  // ----- send methods -----------------------------------------------------------------------------------------

  /** The numeric chat of a call; 400 when missing or unknown, 403 when the user blocked the bot. */
  private targetChat(p: Params, options: { checkBlocked?: boolean } = {}): number {
    const raw = p.chat_id;
    if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty');
    const id = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id) || this.missingChats.has(id)) throw badRequest('chat not found');
    if ((options.checkBlocked ?? true) && this.blockedChats.has(id)) {
      throw new ApiError(403, id > 0 ? 'Forbidden: bot was blocked by the user' : 'Forbidden: bot was kicked from the group chat');
    }
    return id;
  }

  /** Text or caption after `parse_mode`, checked like Telegram checks it. */
  private formatted(p: Params, field: 'text' | 'caption'): Parsed | undefined {
    const raw = p[field];
    if (raw === undefined || raw === null) {
      if (field === 'text') throw badRequest('message text is empty');
      return undefined;
    }
    const source = String(raw);
    const mode = typeof p.parse_mode === 'string' ? p.parse_mode.toLowerCase() : p.parse_mode;
    let parsed: Parsed;
    try {
      if (mode === undefined || mode === null || mode === '') {
        parsed = { text: source, entities: Array.isArray(p[field === 'text' ? 'entities' : 'caption_entities']) ? (p[field === 'text' ? 'entities' : 'caption_entities'] as MessageEntity[]) : [] };
      } else if (mode === 'html') parsed = parseHtml(source);
      else if (mode === 'markdownv2') parsed = parseMarkdownV2(source);
      else if (mode === 'markdown') parsed = parseLegacyMarkdown(source);
      else throw badRequest('unsupported parse_mode');
    } catch (err) {
      if (err instanceof MarkupError) throw badRequest(`can't parse entities: ${err.message}`);
      throw err;
    }
    parsed = trimParsed(parsed);
    if (field === 'text' && parsed.text.length === 0) throw badRequest('message text is empty');
    if (field === 'text' && parsed.text.length > 4096) throw badRequest('message is too long');
    if (field === 'caption' && parsed.text.length > 1024) throw badRequest('message caption is too long');
    return parsed.text.length > 0 ? parsed : undefined;
  }

  /** Checks `reply_markup`; returns the inline keyboard to attach to the answered Message, if it is one. */
  private replyMarkup(p: Params, options: { inlineOnly?: boolean } = {}): InlineKeyboardMarkup | undefined {
    const raw = p.reply_markup;
    if (raw === undefined || raw === null) return undefined;
    const markup = typeof raw === 'string' ? decodeFormValue(raw) : raw;
    if (!isRecord(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
    if (Array.isArray(markup.inline_keyboard)) {
      for (const row of markup.inline_keyboard) {
        if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
        for (const button of row) {
          if (!isRecord(button) || typeof button.text !== 'string') {
            throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`);
          }
          const actions = INLINE_BUTTON_ACTIONS.filter((k) => button[k] !== undefined);
          if (actions.length === 0) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
          if (actions.length > 1) throw badRequest(`can't parse inline keyboard button: exactly one of the optional fields must be used`);
          const data = button.callback_data;
          if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) {
            throw badRequest('BUTTON_DATA_INVALID');
          }
          if (typeof button.url === 'string' && !/^(https?|tg):\/\/\S+$/i.test(button.url)) {
            throw badRequest(`inline keyboard button URL '${button.url}' is invalid: Wrong HTTP URL`);
          }
        }
      }
      const rows = markup.inline_keyboard as InlineKeyboardMarkup['inline_keyboard'];
      return rows.some((r) => r.length > 0) ? { inline_keyboard: rows } : undefined;
    }
    if (options.inlineOnly) throw badRequest("can't parse inline keyboard markup JSON object");
    if (Array.isArray(markup.keyboard)) {
      for (const row of markup.keyboard) {
        if (!Array.isArray(row)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
        for (const button of row) {
          const text = typeof button === 'string' ? button : isRecord(button) ? button.text : undefined;
          if (typeof text !== 'string' || text.length === 0) throw badRequest("can't parse keyboard button: Text must be non-empty");
        }
      }
      return undefined;
    }
    if (markup.remove_keyboard === true || markup.force_reply === true) return undefined;
    throw badRequest("can't parse reply keyboard markup JSON object");
  }

  /** The message a send replies to (reply_parameters or the old reply_to_message_id). */
  private replyTarget(chatId: number, p: Params): Message | undefined {
    const params = isRecord(p.reply_parameters) ? p.reply_parameters : undefined;
    const id = intParam(params?.message_id ?? p.reply_to_message_id, 0);
    if (!id) return undefined;
    const target = this.messages.get(chatId)?.get(id);
    if (!target && !boolParam(params?.allow_sending_without_reply ?? p.allow_sending_without_reply)) {
      throw badRequest('message to be replied not found');
    }
    return target;
  }

  /** Rate limits, then counts the send in the windows and the per-second maxima. */
  private admitSend(chatId: number, t: number): void {
    const limits = this.rateLimit;
    const global = prune(this.globalWindow, t, 1000);
    const chat = prune(this.chatWindows.get(chatId) ?? [], t, 1000);
    const group = chatId < 0 ? prune(this.groupMinuteWindows.get(chatId) ?? [], t, 60_000) : [];
    let wait = 0;
    if (limits?.global !== undefined && global.length >= limits.global) wait = Math.max(wait, retryAfter(global, t, 1000));
    if (limits?.perChatPerSecond !== undefined && chat.length >= limits.perChatPerSecond) wait = Math.max(wait, retryAfter(chat, t, 1000));
    if (chatId < 0 && limits?.perGroupPerMinute !== undefined && group.length >= limits.perGroupPerMinute) {
      wait = Math.max(wait, retryAfter(group, t, 60_000));
    }
    if (wait > 0) throw new ApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    global.push(t);
    chat.push(t);
    this.chatWindows.set(chatId, chat);
    if (chatId < 0) {
      group.push(t);
      this.groupMinuteWindows.set(chatId, group);
    }
    this.globalMax = Math.max(this.globalMax, global.length);
    this.perChatMax.set(chatId, Math.max(this.perChatMax.get(chatId) ?? 0, chat.length));
  }

  private commitSend(method: SendMethod, chatId: number, p: Params, at: number, content: Partial<Message>): Message {
    const message = this.storeMessage(this.botMessage(chatId, content));
    const text = p.text ?? p.caption;
    this.sentLog.push({
      method,
      chatId,
      ...(typeof text === 'string' && { text }),
      ...(typeof p.parse_mode === 'string' && { parseMode: p.parse_mode }),
      ...(isRecord(p.reply_markup) && { replyMarkup: p.reply_markup }),
      body: p,
      message,
      at,
    });
    return message;
  }

  private sendMessage(p: Params, at: number): Message {
    const chatId = this.targetChat(p);
    const { text, entities } = this.formatted(p, 'text')!;
    const inline = this.replyMarkup(p);
    const reply = this.replyTarget(chatId, p);
    this.admitSend(chatId, at);
    return this.commitSend('sendMessage', chatId, p, at, {
      text,
      ...(entities.length > 0 && { entities }),
      ...(reply && { reply_to_message: asReply(reply) }),
      ...(inline && { reply_markup: inline }),
    });
  }

  private sendPhoto(p: Params, at: number): Message {
    const chatId = this.targetChat(p);
    const photoParam = p.photo;
    if (photoParam === undefined || photoParam === null || photoParam === '') throw badRequest('there is no photo in the request');
    if (typeof photoParam !== 'string') throw badRequest('wrong file identifier/HTTP URL specified');
    const known = this.photosByFileId.get(photoParam);
    const isUrl = /^https?:\/\/\S+$/i.test(photoParam);
    if (!known && !isUrl) throw badRequest('wrong file identifier/HTTP URL specified');
    const caption = this.formatted(p, 'caption');
    const inline = this.replyMarkup(p);
    const reply = this.replyTarget(chatId, p);
    this.admitSend(chatId, at);
    const photo = known ?? this.makePhoto(TINY_JPEG);
    return this.commitSend('sendPhoto', chatId, p, at, {
      photo,
      ...(caption && { caption: caption.text }),
      ...(caption && caption.entities.length > 0 && { caption_entities: caption.entities }),
      ...(reply && { reply_to_message: asReply(reply) }),
      ...(inline && { reply_markup: inline }),
    });
  }

  private sendLocation(p: Params, at: number): Message {
    const chatId = this.targetChat(p);
    const latitude = numberParam(p.latitude);
    const longitude = numberParam(p.longitude);
    if (latitude === undefined) throw badRequest('latitude is empty');
    if (longitude === undefined) throw badRequest('longitude is empty');
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw badRequest('wrong location specified');
    const inline = this.replyMarkup(p);
    const reply = this.replyTarget(chatId, p);
    this.admitSend(chatId, at);
    return this.commitSend('sendLocation', chatId, p, at, {
      location: { latitude, longitude },
      ...(reply && { reply_to_message: asReply(reply) }),
      ...(inline && { reply_markup: inline }),
    });
  }

  private sendChatAction(p: Params): HandlerResult {
    this.targetChat(p);
    if (typeof p.action !== 'string' || !CHAT_ACTIONS.has(p.action)) throw badRequest('wrong parameter action in request');
    return { result: true };
  }

  private answerCallbackQuery(p: Params, at: number): HandlerResult {
    const id = typeof p.callback_query_id === 'string' ? p.callback_query_id : String(p.callback_query_id ?? '');
    const query = this.callbackQueries.get(id);
    if (!query || query.answered) throw badRequest('query is too old and response timeout expired or query ID is invalid');
    query.answered = true;
    this.callbackAnswers.push({
      callback_query_id: id,
      ...(typeof p.text === 'string' && { text: p.text }),
      ...(p.show_alert !== undefined && { show_alert: boolParam(p.show_alert) }),
      ...(typeof p.url === 'string' && { url: p.url }),
      at,
    });
    return { result: true };
  }

  private editMessage(p: Params, withText: boolean): Message | true {
    if (p.inline_message_id !== undefined) {
      if (withText) this.formatted(p, 'text');
      this.replyMarkup(p, { inlineOnly: true });
      return true;
    }
    const chatId = this.targetChat(p, { checkBlocked: false });
    const id = intParam(p.message_id, 0);
    if (!id) throw badRequest('message identifier is not specified');
    const old = this.messages.get(chatId)?.get(id);
    if (!old) throw badRequest('message to edit not found');
    if (!old.from?.is_bot) throw badRequest("message can't be edited");
    const parsed = withText ? this.formatted(p, 'text')! : undefined;
    const markup = this.replyMarkup(p, { inlineOnly: true });
    const sameText = !parsed || (parsed.text === old.text && JSON.stringify(parsed.entities) === JSON.stringify(old.entities ?? []));
    const sameMarkup = JSON.stringify(markup ?? null) === JSON.stringify(old.reply_markup ?? null);
    if (sameText && sameMarkup) {
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const edited = { ...old, edit_date: now() } as Message & { reply_markup?: InlineKeyboardMarkup; entities?: MessageEntity[] };
    if (parsed) {
      edited.text = parsed.text;
      if (parsed.entities.length > 0) edited.entities = parsed.entities;
      else delete edited.entities;
    }
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    return this.storeMessage(edited);
  }

  private deleteMessage(p: Params): HandlerResult {
    const chatId = this.targetChat(p, { checkBlocked: false });
    const id = intParam(p.message_id, 0);
    if (!this.messages.get(chatId)?.delete(id)) throw badRequest('message to delete not found');
    return { result: true };
  }

  private getFile(p: Params): File {
    const stored = typeof p.file_id === 'string' ? this.files.get(p.file_id) : undefined;
    if (!stored) throw badRequest('invalid file_id');
    return stored.file;
  }

  private commandsKey(p: Params): string {
    return JSON.stringify([isRecord(p.scope) ? p.scope : { type: 'default' }, typeof p.language_code === 'string' ? p.language_code : '']);
  }

  private setMyCommands(p: Params): HandlerResult {
    if (!Array.isArray(p.commands)) throw badRequest('parameter "commands" is required');
    if (p.commands.length > 100) throw badRequest('too many commands specified');
    const commands: BotCommand[] = [];
    for (const c of p.commands) {
      if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw badRequest('command description must be non-empty');
      }
      commands.push({ command: c.command, description: c.description });
    }
    this.commands.set(this.commandsKey(p), commands);
    return { result: true };
  }

  // ----- building blocks ----------------------------------------------------------------------------------------

  private userFor(userId: number): User {
    let user = this.users.get(userId);
    if (!user) {
      user = { id: userId, is_bot: false, first_name: 'Warga', language_code: 'id' };
      this.users.set(userId, user);
    }
    return user;
  }

  private privateChatOf(user: User): Chat {
    return {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name !== undefined && { last_name: user.last_name }),
      ...(user.username !== undefined && { username: user.username }),
    };
  }

  private groupChat(chatId: number, title?: string): Chat {
    const known = this.chats.get(chatId);
    if (known && (title === undefined || known.title === title)) return known;
    const name = title ?? known?.title ?? 'Warga Kota Probolinggo';
    const chat: Chat = chatId <= -1_000_000_000_000 ? { id: chatId, type: 'supergroup', title: name } : { id: chatId, type: 'group', title: name };
    this.chats.set(chatId, chat);
    return chat;
  }

  private chatFor(chatId: number): Chat {
    const known = this.chats.get(chatId);
    if (known) return known;
    if (chatId < 0) return this.groupChat(chatId);
    const chat = this.privateChatOf(this.userFor(chatId));
    this.chats.set(chatId, chat);
    return chat;
  }

  private allocateMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  private storeMessage<M extends Message>(message: M): M {
    const chatId = message.chat.id;
    let byId = this.messages.get(chatId);
    if (!byId) {
      byId = new Map();
      this.messages.set(chatId, byId);
    }
    byId.set(message.message_id, message);
    if (message.message_id > (this.lastMessageId.get(chatId) ?? 0)) this.lastMessageId.set(chatId, message.message_id);
    return message;
  }

  /** The common fields of a message the resident of a private chat sends now. */
  private userMessage(chatId: number): Pick<Message, 'message_id' | 'from' | 'chat' | 'date'> {
    const from = this.userFor(chatId);
    return { message_id: this.allocateMessageId(chatId), from, chat: this.chatFor(chatId), date: now() };
  }

  private botMessage(chatId: number, content: Partial<Message>): Message {
    const from: User = { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username };
    return { message_id: this.allocateMessageId(chatId), from, chat: this.chatFor(chatId), date: now(), ...content } as Message;
  }

  private callbackMessage(chatId: number, data: string, messageId?: number): Message {
    const fromBot = this.chatMessages(chatId).filter((m) => m.from?.is_bot);
    const found =
      messageId === undefined
        ? [...fromBot].reverse().find((m) => m.reply_markup !== undefined)
        : fromBot.find((m) => m.message_id === messageId);
    if (found) return found;
    const standIn = this.botMessage(chatId, {
      text: 'Silakan pilih:',
      reply_markup: { inline_keyboard: [[{ text: data, callback_data: data }]] },
    });
    return this.storeMessage(messageId === undefined ? standIn : ({ ...standIn, message_id: messageId } as Message));
  }

  private makePhoto(bytes: Buffer): PhotoSize[] {
    const dims: [number, number][] = [
      [90, 68],
      [320, 240],
      [800, 600],
    ];
    const sizes = dims.map(([width, height], i): PhotoSize => {
      this.fileCounter++;
      const tag = `${this.fileCounter.toString(36).padStart(4, '0')}${randomBytes(9).toString('base64url')}`;
      return {
        file_id: `AgACAgUAAxkBAAI${tag}AAQ`,
        file_unique_id: `AQAD${tag.slice(0, 10)}`,
        width,
        height,
        file_size: i === dims.length - 1 ? bytes.length : Math.max(1, Math.floor((bytes.length * (i + 1)) / (dims.length + 1))),
      };
    });
    const largest = sizes[sizes.length - 1]!;
    const file: File = {
      file_id: largest.file_id,
      file_unique_id: largest.file_unique_id,
      file_size: bytes.length,
      file_path: `photos/file_${this.filesByPath.size}.jpg`,
    };
    const stored = { file, bytes };
    this.files.set(file.file_id, stored);
    this.filesByPath.set(file.file_path!, stored);
    for (const size of sizes) this.photosByFileId.set(size.file_id, sizes);
    return sizes;
  }

  /** Gives an update its id and makes its messages, chats and callback queries known. */
  private register(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    let updateId = update.update_id;
    if (updateId === undefined) updateId = this.nextUpdateId++;
    else this.nextUpdateId = Math.max(this.nextUpdateId, updateId + 1);
    const full = { ...update, update_id: updateId } as Update;
    for (const message of [full.message, full.edited_message, full.channel_post, full.edited_channel_post]) {
      if (!message) continue;
      this.chats.set(message.chat.id, message.chat);
      if (message.from && !message.from.is_bot && message.chat.type === 'private') this.users.set(message.from.id, message.from);
      this.storeMessage(message);
    }
    const query = full.callback_query;
    if (query && !this.callbackQueries.has(query.id)) this.callbackQueries.set(query.id, { answered: false });
    return full;
  }
}

function writeJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts a fake Bot API on a random local port. Close it with `close()` when done. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  return new FakeBotApi(options).listen();
}
