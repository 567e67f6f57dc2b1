export interface SeenSetOptions {
  /** Keys remembered at once; the oldest is forgotten first. */
  max?: number;
  /** How long a key is remembered: longer than Slack's retry schedule (about five minutes). */
  ttlMs?: number;
  now?: () => number;
}

/** Remembers keys for a while, to tell a first delivery from a repeat. */
export interface SeenSet {
  /** Records the key; true when it was not already remembered. */
  add(key: string): boolean;
  has(key: string): boolean;
  readonly size: number;
}

const DEFAULTS: Required<SeenSetOptions> = { max: 10_000, ttlMs: 60 * 60 * 1000, now: Date.now };

export function createSeenSet(options: SeenSetOptions = {}): SeenSet {
  const { max, ttlMs, now } = { ...DEFAULTS, ...options };
  // Every key lives equally long, so insertion order is expiry order and pruning stops at the first live key.
  const expiries = new Map<string, number>();

  const prune = () => {
    const t = now();
    for (const [key, expires] of expiries) {
      if (expires > t && expiries.size <= max) break;
      expiries.delete(key);
    }
  };

  return {
    add(key) {
      prune();
      if (expiries.has(key)) return false;
      expiries.set(key, now() + ttlMs);
      prune();
      return true;
    },
    has(key) {
      prune();
      return expiries.has(key);
    },
    get size() {
      return expiries.size;
    },
  };
}
