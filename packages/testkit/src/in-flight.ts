import type { InFlightStats } from './types.js';

interface FlightEvent {
  path: string;
  delta: 1 | -1;
}

/**
 * Records request starts and ends in order so that the peak concurrency of any path prefix
 * can be computed after the fact, without knowing the prefixes in advance.
 */
export class InFlightTracker {
  #events: FlightEvent[] = [];
  readonly #open = new Map<number, string>();
  #nextId = 0;

  /** Records a request arrival; call the returned function (idempotent) when it is over. */
  start(path: string): () => void {
    const id = this.#nextId++;
    this.#open.set(id, path);
    this.#events.push({ path, delta: 1 });
    return () => {
      if (!this.#open.delete(id)) return;
      this.#events.push({ path, delta: -1 });
    };
  }

  /** Figures for requests whose path starts with `prefix` (all requests for `''`). */
  stats(prefix = ''): InFlightStats {
    let current = 0;
    let max = 0;
    for (const event of this.#events) {
      if (!event.path.startsWith(prefix)) continue;
      current += event.delta;
      if (current > max) max = current;
    }
    return { current, max };
  }

  /** Forgets finished requests, so the maximum restarts from the requests still open. */
  reset(): void {
    this.#events = [...this.#open.values()].map((path) => ({ path, delta: 1 as const }));
  }
}
