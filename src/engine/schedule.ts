/** Something to run once the items it needs have run. */
export interface Schedulable {
  id: string;
  needs: readonly string[];
}

export interface ScheduleOptions<T> {
  /** The pool an item runs in; each pool has its own cap of items in flight. */
  pool(item: T): string;
  /** Items of a pool in flight at once (at least 1; a pool not listed: 1). */
  caps: Readonly<Record<string, number>>;
}

/**
 * How far each item is from the end of its longest chain of dependents (an item nothing needs: 1). Ready
 * items on the longest chain start first, so a slot never goes to a short leaf while the critical path waits.
 * Needs naming no item are ignored (the rubric loader has refused them).
 */
export function chainLengths(items: readonly Schedulable[]): Map<string, number> {
  const dependents = new Map<string, string[]>(items.map((item) => [item.id, []]));
  for (const item of items) for (const need of item.needs) dependents.get(need)?.push(item.id);
  const lengths = new Map<string, number>();
  const visit = (id: string, path: Set<string>): number => {
    const known = lengths.get(id);
    if (known !== undefined) return known;
    if (path.has(id)) throw new Error(`dependency cycle through ${id}`);
    path.add(id);
    const below = (dependents.get(id) ?? []).map((next) => visit(next, path));
    path.delete(id);
    const length = 1 + Math.max(0, ...below);
    lengths.set(id, length);
    return length;
  };
  for (const item of items) visit(item.id, new Set());
  return lengths;
}

/** What a running item may do with its slot. */
export interface Slot {
  /**
   * Lends the slot while `waiting` settles (work another item is doing for both), so a ready item can use
   * it; takes a slot of its pool back before returning, ahead of items not yet started. With `back: false`
   * the item goes on without one: what is left of it is a small part of another item's work (stopping the
   * container that item started under its own slot).
   */
  idle<R>(waiting: Promise<R>, options?: { back?: boolean }): Promise<R>;
}

/**
 * Runs every item once all it needs have finished, at most `caps[pool]` at once per pool. Among ready items
 * the longest chain goes first, then the order given. When a run throws, no new item starts; the items in
 * flight are awaited, then the first error is thrown. Resolves once every item has run.
 */
export async function runScheduled<T extends Schedulable>(
  items: readonly T[],
  options: ScheduleOptions<T>,
  run: (item: T, slot: Slot) => Promise<void>,
): Promise<void> {
  const ids = new Set(items.map((item) => item.id));
  const lengths = chainLengths(items);
  const rank = new Map(items.map((item, index) => [item.id, index]));
  const waiting = new Map(items.map((item) => [item.id, new Set(item.needs.filter((n) => ids.has(n)))]));
  const pending = [...items].sort(
    (a, b) =>
      (lengths.get(b.id) ?? 0) - (lengths.get(a.id) ?? 0) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0),
  );
  const busy = new Map<string, number>();
  const capOf = (pool: string) => Math.max(1, options.caps[pool] ?? 1);
  /** Items back from `idle`, per pool, waiting for a slot: served before items not yet started. */
  const returning = new Map<string, Array<() => void>>();
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  /** A running item's slot; `release` frees it at the end unless the item gave it up for good. */
  const slotOf = (pool: string) => {
    let held = true;
    const release = () => {
      if (held) busy.set(pool, (busy.get(pool) ?? 1) - 1);
      held = false;
    };
    const slot: Slot = {
      async idle(waitingFor, options = {}) {
        release();
        startReady();
        try {
          return await waitingFor;
        } finally {
          if (options.back !== false) {
            await backInto(pool);
            held = true;
          }
        }
      },
    };
    return { slot, release };
  };

  /** Takes a slot of `pool` back for an item returning from `idle`. */
  const backInto = async (pool: string) => {
    const queue = returning.get(pool) ?? [];
    returning.set(pool, queue);
    if (queue.length === 0 && (busy.get(pool) ?? 0) < capOf(pool)) busy.set(pool, (busy.get(pool) ?? 0) + 1);
    // Else the slot is counted by whoever hands it over (startReady).
    else await new Promise<void>((resolve) => queue.push(resolve));
  };

  const startReady = () => {
    for (const [pool, queue] of returning) {
      while (queue.length > 0 && (busy.get(pool) ?? 0) < capOf(pool)) {
        busy.set(pool, (busy.get(pool) ?? 0) + 1);
        queue.shift()?.();
      }
    }
    for (let i = 0; i < pending.length && !failure; ) {
      const item = pending[i] as T;
      const pool = options.pool(item);
      const cap = capOf(pool);
      if ((waiting.get(item.id)?.size ?? 0) > 0 || (busy.get(pool) ?? 0) >= cap) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      busy.set(pool, (busy.get(pool) ?? 0) + 1);
      const { slot, release } = slotOf(pool);
      const running: Promise<void> = Promise.resolve()
        .then(() => run(item, slot))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          inFlight.delete(running);
          release();
          for (const needs of waiting.values()) needs.delete(item.id);
          startReady();
        });
      inFlight.add(running);
    }
  };

  startReady();
  while (inFlight.size > 0) await Promise.race(inFlight);
  if (failure) throw failure.error;
  if (pending.length > 0) throw new Error(`dependency cycle among: ${pending.map((i) => i.id).join(", ")}`);
}
