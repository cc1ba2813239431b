/**
 * The engine: one channel-agnostic conversation loop for every channel.
 *
 * For each inbound message it resolves the user, takes the user's lock (so a user's messages are handled in
 * order across processes), drops platform duplicates, runs the safety hooks, global commands, the active flow or
 * the NLU's intent, persists the conversation state, and hands the replies to the outbox (or returns them for
 * synchronous channels, logged the same way).
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from './clock.js';
import { wibHour } from './clock.js';
import { globalCommand, type GlobalCommand } from './commands.js';
import type { Flow, FlowRegistry, FlowStep, SafetyHook, TurnContext } from './flow.js';
import { matchChoice } from './flow.js';
import { localeFromHint, type I18n, type Locale, type Translate } from './i18n.js';
import { prepareText } from './input.js';
import { INTENT_CHOICE_PREFIX, menuReply, serviceKeyOf } from './menu.js';
import type { ChannelName, InboundMessage, OutboundMessage, Reply } from './messages.js';
import type {
  ConversationState,
  ConversationStore,
  EngineMetrics,
  Logger,
  MessageLog,
  Outbox,
  ResolvedUser,
  UserDirectory,
  UserGate,
} from './ports.js';
import { INTENTS, type IntentName, type Understander, type Understanding } from './understanding.js';

/** Engine settings (from the configuration). */
export interface EngineSettings {
  conversationTimeoutMs: number;
  userRate: { max: number; duration: number };
  maxMessageChars: number;
  defaultLocale: Locale;
  /** Below this NLU confidence the engine asks which intent was meant instead of guessing. */
  clarifyThreshold: number;
  /** Channels whose replies are returned to the caller instead of going through the outbox queue. */
  syncChannels: readonly ChannelName[];
}

/** What the engine needs; see `src/main.ts` for the real wiring. */
export interface EngineDeps {
  users: UserDirectory;
  conversations: ConversationStore;
  log: MessageLog;
  gate: UserGate;
  outbox: Outbox;
  understander: Understander;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  metrics: EngineMetrics;
  flows: FlowRegistry;
  safetyHooks: readonly SafetyHook[];
  settings: EngineSettings;
}

/** The outcome of handling one message. */
export interface HandleResult {
  userId: string;
  replies: Reply[];
  /** This platform message id was processed before; nothing was done. */
  duplicate: boolean;
}

const INTENT_SET = new Set<string>(INTENTS);

/** The conversation engine; stateless itself, so any number of processes can run one. */
export class Engine {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: EngineDeps) {}

  /** Handles one inbound message end to end. Throws only when storage is unreachable. */
  handle(message: InboundMessage): Promise<HandleResult> {
    const work = this.process(message);
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Waits (at most `timeoutMs`) for messages being handled to finish: shutdown calls it after intake stops, so a
   * resident whose client gave up still gets a complete turn, and nothing touches a closed database.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
    const done = Promise.allSettled([...this.inFlight]).then(() => true as const);
    const result = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    return result;
  }

  private async process(message: InboundMessage): Promise<HandleResult> {
    const { users, gate, log, metrics, settings, logger } = this.deps;
    const started = performance.now();
    metrics.inbound(message.channel);
    try {
      const user = await users.resolve(message.channel, message.address, {
        displayName: message.displayName,
        locale: localeFromHint(message.languageHint, settings.defaultLocale),
      });
      const now = this.deps.clock.now();
      const result = await gate.run(user.userId, { windowMs: settings.userRate.duration, now }, async (hits) => {
        const duplicate = { userId: user.userId, replies: [], duplicate: true };
        if (message.messageId && (await log.isProcessed(message.channel, message.messageId))) return duplicate;
        const { replies, state } = await this.turn(message, user, now, hits);
        const outbound: OutboundMessage[] = replies.map((reply) => ({ channel: message.channel, address: message.address, userId: user.userId, reply, kind: 'reply' }));
        const sync = settings.syncChannels.includes(message.channel);
        const committed = await log.commitTurn({
          inbound: { channel: message.channel, messageId: message.messageId, userId: user.userId, receivedAt: message.receivedAt },
          state,
          outbound,
          outboundStatus: sync ? 'sent' : 'queued',
          at: now,
        });
        if (committed.duplicate) return duplicate;
        if (!sync && outbound.length) await this.deps.outbox.enqueue(outbound, committed.outboundIds);
        this.countOutbound(outbound);
        return { userId: user.userId, replies, duplicate: false };
      });
      metrics.handled(message.channel, (performance.now() - started) / 1000);
      return result;
    } catch (err) {
      metrics.failed(message.channel);
      logger.error({ err, channel: message.channel, messageId: message.messageId }, 'engine could not handle a message');
      throw err;
    }
  }

  /** Sends a message that is not a reply (reminder, alert, officer's answer) through the outbox. */
  async notify(messages: OutboundMessage[]): Promise<string[]> {
    const ids = await this.deps.log.recordOutbound(messages, 'queued', this.deps.clock.now());
    await this.deps.outbox.enqueue(messages, ids);
    this.countOutbound(messages);
    return ids;
  }

  /** Works out the replies and the state to keep; writes nothing (the caller commits the turn in one go). */
  private async turn(
    message: InboundMessage,
    user: ResolvedUser,
    now: Date,
    hits: number,
  ): Promise<{ replies: Reply[]; state: ConversationState | null | undefined }> {
    const { conversations, settings } = this.deps;
    const t = this.deps.i18n.forLocale(user.locale);
    const replies: Reply[] = [];

    if (hits === settings.userRate.max + 1) replies.push({ text: t('slow_down') });

    let state = await conversations.load(user.userId);
    if (state && state.expiresAt.getTime() <= now.getTime()) {
      if (state.flow) replies.push({ text: t(this.deps.flows.byFlowName(state.flow)?.expiredKey ?? 'session_expired') });
      state = null;
    }

    const prepared = prepareText(message.text, settings.maxMessageChars);
    if (prepared.truncated) replies.push({ text: t('too_long', { max: settings.maxMessageChars }) });

    const picked = message.choice ? undefined : matchChoice(prepared.text, state?.choices);
    const choice = message.choice ?? picked?.value;
    const ctx = this.context(message, user, t, now, prepared.text, choice);

    for (const hook of this.deps.safetyHooks) {
      const safety = await hook.check(ctx);
      if (!safety) continue;
      replies.push(...safety.replies);
      // Keep the resident's place; refresh its timeout so the emergency doesn't cost them their progress.
      if (safety.stop) return { replies, state: state ? { ...state, expiresAt: this.expiry(now) } : null };
    }

    const outcome = await this.route(ctx, state, prepared.emojiOnly);
    // A claimed side turn (a button under an old notification) must not cost the resident their place elsewhere.
    const kept = outcome.keepState && state?.flow && !outcome.step.next ? { ...state, expiresAt: this.expiry(now) } : undefined;
    return { replies: [...replies, ...outcome.step.replies], state: kept ?? this.nextState(outcome, now) };
  }

  private async route(
    ctx: TurnContext,
    state: ConversationState | null,
    emojiOnly: boolean,
  ): Promise<{ step: FlowStep; flow: Flow | null; keepState?: boolean }> {
    const { t, choice, message } = ctx;
    const command = globalCommand(ctx.text, choice) ?? this.nluCancel(ctx, state);
    if (command) return { step: await this.command(command, ctx, state), flow: null };

    const inOtherFlow = Boolean(state?.flow);
    const offered = choice !== undefined && Boolean(state?.choices?.some((c) => c.value === choice));
    const claimant = offered ? undefined : this.deps.flows.claimant(ctx, inOtherFlow);
    if (claimant) {
      const step = await claimant.start(ctx);
      if (!step.handOff) return { step, flow: claimant, keepState: claimant.name !== state?.flow };
    }

    const known = choice === undefined || this.isKnownChoice(choice, state);
    if (!known) return { step: end([menuReply(t, t('unknown_choice'))]), flow: null };

    const active = state?.flow ? this.deps.flows.byFlowName(state.flow) : undefined;
    if (active && state) {
      const step = await active.resume(ctx, state.step, state.data);
      if (!step.handOff) return { step, flow: active };
    }

    if (choice?.startsWith(INTENT_CHOICE_PREFIX)) {
      const intent = choice.slice(INTENT_CHOICE_PREFIX.length);
      if (INTENT_SET.has(intent)) return this.startIntent(intent as IntentName, ctx);
    }
    if (!ctx.text) {
      if (message.location) return { step: end([{ ...menuReply(t), text: t('location_received') }]), flow: null };
      if (message.photo) return { step: end([{ ...menuReply(t), text: t('photo_received') }]), flow: null };
      return { step: end([{ text: isUnsupportedMedia(message) ? t('unsupported_media') : t('empty') }]), flow: null };
    }
    if (emojiOnly) return { step: end([{ text: t('emoji_only') }]), flow: null };

    const understood = ctx.understanding();
    if (understood.intent !== 'unknown' && understood.confidence < this.deps.settings.clarifyThreshold) {
      return { step: this.clarify(ctx, understood), flow: null };
    }
    return this.startIntent(understood.intent, ctx);
  }

  private async startIntent(intent: IntentName, ctx: TurnContext): Promise<{ step: FlowStep; flow: Flow | null }> {
    const { t } = ctx;
    const flow = this.deps.flows.forIntent(intent);
    if (flow) return { step: await flow.start(ctx), flow };
    switch (intent) {
      case 'greeting':
        return { step: end([menuReply(t, t('greeting.hello', { salam: this.salam(ctx) }))]), flow: null };
      case 'help':
        return { step: end([menuReply(t, t('help.intro'))]), flow: null };
      case 'thanks':
        return { step: end([{ text: t('thanks') }]), flow: null };
      case 'cancel':
        return { step: end([menuReply(t, t('nothing_to_cancel'))]), flow: null };
      case 'emergency':
        return { step: end([{ text: t('emergency.text') }]), flow: null };
      case 'unknown':
        return { step: end([menuReply(t, t('unknown'))]), flow: null };
      default: {
        const key = serviceKeyOf(intent);
        const service = key ? t(`menu.service.${key}`) : intent;
        return { step: end([menuReply(t, t('service_soon', { service }))]), flow: null };
      }
    }
  }

  private async command(command: GlobalCommand, ctx: TurnContext, state: ConversationState | null): Promise<FlowStep> {
    const { t } = ctx;
    switch (command) {
      case 'cancel':
        return end([state?.flow ? { text: t('cancelled') } : menuReply(t, t('nothing_to_cancel'))]);
      case 'menu':
        return end([menuReply(t, ctx.user.isNew ? t('greeting.welcome', { salam: this.salam(ctx) }) : undefined)]);
      case 'help':
        return end([menuReply(t, t('help.intro'))]);
      case 'lang:id':
      case 'lang:en': {
        const locale = command === 'lang:en' ? 'en' : 'id';
        await this.deps.users.setLocale(ctx.user.userId, locale);
        return end([{ text: this.deps.i18n.t(locale, 'language_set') }]);
      }
    }
  }

  /** Inside a flow only a confident "gak jadi deh" cancels: answers to questions must not be mistaken for it. */
  private nluCancel(ctx: TurnContext, state: ConversationState | null): GlobalCommand | undefined {
    if (!state?.flow || !ctx.text || ctx.choice) return undefined;
    const u = ctx.understanding();
    return u.intent === 'cancel' && u.confidence >= 0.85 ? 'cancel' : undefined;
  }

  private clarify(ctx: TurnContext, understood: Understanding): FlowStep {
    const options = [understood.intent, ...understood.alternatives.map((a) => a.label)]
      .filter((i) => i !== 'unknown' && i !== 'greeting' && i !== 'thanks')
      .slice(0, 3);
    const choices = options.map((intent) => ({ label: ctx.t(`intent_label.${intent}`), value: `${INTENT_CHOICE_PREFIX}${intent}` }));
    // Always offer the way out to the full menu too.
    choices.push({ label: ctx.t('menu.title').replace(/:$/, ''), value: 'menu' });
    return end([{ text: ctx.t('clarify'), choices }]);
  }

  private isKnownChoice(choice: string, state: ConversationState | null): boolean {
    if (state?.choices?.some((c) => c.value === choice)) return true;
    // Menu buttons stay valid after the menu scrolled away: they carry their intent.
    return choice.startsWith(INTENT_CHOICE_PREFIX) && INTENT_SET.has(choice.slice(INTENT_CHOICE_PREFIX.length));
  }

  private nextState(outcome: { step: FlowStep; flow: Flow | null }, now: Date): ConversationState | null {
    const last = outcome.step.replies.at(-1);
    const choices = last?.choices?.length ? last.choices : undefined;
    if (outcome.step.next && outcome.flow) {
      return { flow: outcome.flow.name, step: outcome.step.next.step, data: outcome.step.next.data, choices, expiresAt: this.expiry(now) };
    }
    return choices ? { flow: null, step: '', data: {}, choices, expiresAt: this.expiry(now) } : null;
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.deps.settings.conversationTimeoutMs);
  }

  private context(message: InboundMessage, user: ResolvedUser, t: Translate, now: Date, text: string, choice?: string): TurnContext {
    let understood: Understanding | undefined;
    const understander = this.deps.understander;
    return {
      message,
      text,
      choice,
      user,
      locale: user.locale,
      t,
      now,
      understanding: () => (understood ??= understander.understand(text, now)),
    };
  }

  private salam(ctx: TurnContext): string {
    const hour = wibHour(ctx.now);
    const key = hour < 11 ? 'morning' : hour < 15 ? 'midday' : hour < 18 ? 'afternoon' : 'night';
    return ctx.t(`greeting.${key}`);
  }

  private countOutbound(messages: OutboundMessage[]): void {
    for (const m of messages) this.deps.metrics.outbound(m.channel, 1);
  }
}

function end(replies: Reply[]): FlowStep {
  return { replies, next: null };
}

/** A message with nothing we can read (a sticker, a voice note): the channel passed it on without text or media. */
function isUnsupportedMedia(message: InboundMessage): boolean {
  return message.text === undefined && message.choice === undefined && !message.location && !message.photo && !message.contactPhone;
}
