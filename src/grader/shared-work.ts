/**
 * Work done once per Docker session and shared by the checks that would otherwise repeat it exactly: two
 * checks that start the same image the same way and probe it the same way (only their verdicts differ)
 * get one container between them. The key must name everything the work depends on. Work cut by its
 * check's own abort (a deadline) is not shared: the next check that asks does it again. A check that
 * waits for work another check started lends its place among the checks running at once (`idle`).
 */
interface Entry {
  result: Promise<unknown>;
  signal: AbortSignal;
  settled: boolean;
}

const memo = new WeakMap<object, Map<string, Entry>>();

export async function sharedWork<T>(
  owner: object,
  key: string,
  signal: AbortSignal,
  work: () => Promise<T>,
  idle?: <R>(waiting: Promise<R>) => Promise<R>,
): Promise<T> {
  let entries = memo.get(owner);
  if (!entries) {
    entries = new Map();
    memo.set(owner, entries);
  }
  for (;;) {
    let entry = entries.get(key);
    const waitsForAnother = entry !== undefined && !entry.settled;
    if (!entry) {
      const started: Entry = { result: work(), signal, settled: false };
      started.result.then(
        () => (started.settled = true),
        () => (started.settled = true),
      );
      entry = started;
      entries.set(key, entry);
    }
    const settled = entry.result.catch((error: unknown) => ({ [failed]: error }));
    const result = waitsForAnother && idle ? await idle(settled) : await settled;
    const cut = entry.signal !== signal && entry.signal.aborted && !signal.aborted;
    if (!cut) {
      if (isFailure(result)) throw result[failed];
      return result as T;
    }
    if (entries.get(key) === entry) entries.delete(key);
  }
}

const failed = Symbol("failed");

function isFailure(value: unknown): value is { [failed]: unknown } {
  return typeof value === "object" && value !== null && failed in value;
}
