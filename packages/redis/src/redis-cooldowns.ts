import { type CooldownStore, Cooldowns } from '@drover/core';
import type { Redis } from 'ioredis';

/** Sets a pause key only when it lengthens the pause, and tells every process. */
const SET_PAUSE = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  redis.call('PUBLISH', KEYS[2], ARGV[2])
end
return 0`;

interface PauseMessage {
  readonly origin: string;
  readonly ms: number;
}

function parseMessage(text: string): PauseMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<PauseMessage>;
    return typeof value.origin === 'string' && typeof value.ms === 'number'
      ? { origin: value.origin, ms: value.ms }
      : undefined;
  } catch {
    return undefined;
  }
}

/** `text` with the glob characters of `SCAN MATCH` escaped. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Host pauses (429/503 `Retry-After`) shared through Redis. The coordinator asks `remaining`
 * synchronously before each request, so every process keeps a local mirror: `set` pauses the host
 * here at once and in Redis (a key with a TTL, and a message on a channel); each process mirrors the
 * messages, and loads the keys still alive when it starts or reconnects. Durations travel, not
 * clock times, so machines need no synchronised clocks.
 */
export class RedisCooldowns implements CooldownStore {
  /** Resolves once existing pauses are loaded and messages are followed. */
  readonly ready: Promise<void>;
  private readonly local = new Cooldowns();
  private readonly keyPrefix: string;
  private readonly channel: string;

  /**
   * @param client commands (borrowed)
   * @param subscriber a connection of its own for the channel (borrowed; it is put in subscriber mode)
   * @param id the namespace: processes with the same id share pauses
   */
  constructor(
    private readonly client: Redis,
    subscriber: Redis,
    id: string,
  ) {
    this.keyPrefix = `drover:${id}:cooldown:`;
    this.channel = `drover:${id}:cooldowns`;
    subscriber.on('message', (channel: string, text: string) => {
      const message = channel === this.channel ? parseMessage(text) : undefined;
      if (message !== undefined) this.local.set(message.origin, message.ms);
    });
    // Messages sent while this process was cut off are lost; the keys are not.
    subscriber.on('ready', () => void this.load().catch(() => undefined));
    this.ready = Promise.all([subscriber.subscribe(this.channel), this.load()]).then(() => undefined);
  }

  /** Pause `origin` for `ms` here at once, and in every process sharing the id soon after. */
  set(origin: string, ms: number): void {
    const whole = Math.ceil(ms);
    if (!(whole > 0)) return;
    this.local.set(origin, whole);
    const message = JSON.stringify({ origin, ms: whole } satisfies PauseMessage);
    // Fire and forget: the local pause already holds; a Redis hiccup only delays the others' view.
    this.client
      .eval(SET_PAUSE, 2, `${this.keyPrefix}${origin}`, this.channel, String(whole), message)
      .catch(() => undefined);
  }

  /** Milliseconds left in `origin`'s pause, as far as this process has heard. */
  remaining(origin: string): number {
    return this.local.remaining(origin);
  }

  /** Mirror every pause still alive in Redis. */
  private async load(): Promise<void> {
    const match = `${escapeGlob(this.keyPrefix)}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      if (keys.length === 0) continue;
      const ttls = await Promise.all(keys.map((key) => this.client.pttl(key)));
      keys.forEach((key, index) => {
        const ttl = ttls[index] ?? 0;
        if (ttl > 0) this.local.set(key.slice(this.keyPrefix.length), ttl);
      });
    } while (cursor !== '0');
  }
}
