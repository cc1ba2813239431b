/**
 * Paces sends so a channel's limits are never exceeded, across every worker process: each message reserves the
 * next free moment of its channel (e.g. every 33 ms for 30 a second) and of its address (every second for one a
 * second per chat), atomically in Redis (a generic cell rate algorithm: one "next free time" per limit). A message
 * whose moment is later waits in BullMQ's delayed set until then and is sent on its reservation, so messages are
 * spread evenly instead of bursting at each window's start. A channel told to slow down (a 429) is paused: no
 * reservation starts before the pause ends.
 */
import type { Redis } from 'ioredis';

/**
 * Moments are spaced 3 % wider than the limit: a delayed job starts a few milliseconds late now and then, and two
 * such sends must not add up to one over the limit in any window the other side counts.
 */
const HEADROOM = 1.03;

/** A limit: at most `max` sends per `duration` ms, evenly spaced. */
export interface PaceLimit {
  max: number;
  duration: number;
}

// KEYS: channel's next-free key, address's next-free key, pause key. ARGV: now, channel interval, address interval
// (0 = none), 1 when the message already holds its address moment. Returns { moment, 1 if it is only the address's }.
// A message whose chat is busy reserves only its chat's moment first, so it never holds up other chats' messages;
// back at that moment it reserves the channel's.
const RESERVE = `
local now = tonumber(ARGV[1])
local base = now
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then base = now + paused end
local ci = tonumber(ARGV[2])
local ai = tonumber(ARGV[3])
local held = ARGV[4] == '1'
local afree = 0
if ai > 0 then afree = tonumber(redis.call('GET', KEYS[2]) or '0') end
if ai > 0 and not held and afree > base then
  redis.call('SET', KEYS[2], tostring(afree + ai), 'PX', math.ceil(afree + ai - now + 1000))
  return { math.ceil(afree), 1 }
end
local slot = base
if ci > 0 then
  local cfree = tonumber(redis.call('GET', KEYS[1]) or '0')
  if cfree > slot then slot = cfree end
  redis.call('SET', KEYS[1], tostring(slot + ci), 'PX', math.ceil(slot + ci - now + 1000))
end
if ai > 0 and afree < slot + ai then
  redis.call('SET', KEYS[2], tostring(slot + ai), 'PX', math.ceil(slot + ai - now + 1000))
end
-- Lua numbers come back to Redis as integers: round the moment up, never early.
return { math.ceil(slot), 0 }
`;

/** Reserves send moments and pauses channels. */
export class SendPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(kind: string, scope: string): string {
    return `${this.prefix}:outbox-pace:${kind}:${scope}`;
  }

  /**
   * Reserves the next moment `channel` (and `address`, when it has a limit) may send. `addressHeld`: this message
   * already reserved its address's moment and is back at it. Returns the wait from `now` in ms (0: send now) and
   * whether that was only the address's moment (then call again, with `addressHeld`, when it comes).
   */
  async reserve(
    channel: string,
    address: string,
    limits: { channel?: PaceLimit; address?: PaceLimit },
    now = Date.now(),
    addressHeld = false,
  ): Promise<{ waitMs: number; addressOnly: boolean }> {
    const interval = (l?: PaceLimit) => (l ? (l.duration / l.max) * HEADROOM : 0);
    const [moment, addressOnly] = (await this.redis.eval(
      RESERVE,
      3,
      this.key('next', channel),
      this.key('next', `${channel}:${address}`),
      this.key('pause', channel),
      now,
      interval(limits.channel),
      interval(limits.address),
      addressHeld ? '1' : '0',
    )) as [number, number];
    return { waitMs: Math.max(0, Number(moment) - now), addressOnly: Number(addressOnly) === 1 };
  }

  /** Holds every send of `channel` for `ms` (the channel asked us to wait). */
  async pause(channel: string, ms: number): Promise<void> {
    await this.redis.set(this.key('pause', channel), '1', 'PX', Math.max(1, Math.round(ms)));
  }
}
