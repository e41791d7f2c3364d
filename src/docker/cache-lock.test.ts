import { describe, expect, it } from "vitest";
import { CacheLock } from "./cache-lock.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("CacheLock", () => {
  it("lets builds run together, and holds a removal until they have all finished", async () => {
    const lock = new CacheLock();
    const events: string[] = [];
    const a = deferred();
    const b = deferred();
    const buildA = lock.build(async () => {
      events.push("A start");
      await a.promise;
      events.push("A end");
    });
    const buildB = lock.build(async () => {
      events.push("B start");
      await b.promise;
      events.push("B end");
    });
    const removal = lock.remove(async () => {
      events.push("remove");
    });
    await tick();
    expect(events).toEqual(["A start", "B start"]);
    a.resolve();
    await tick();
    expect(events).toEqual(["A start", "B start", "A end"]);
    b.resolve();
    await Promise.all([buildA, buildB, removal]);
    expect(events).toEqual(["A start", "B start", "A end", "B end", "remove"]);
  });

  it("makes a new build wait while a removal is pending, then lets it run", async () => {
    const lock = new CacheLock();
    const events: string[] = [];
    const first = deferred();
    const running = lock.build(async () => {
      await first.promise;
      events.push("first build end");
    });
    const removal = lock.remove(async () => {
      events.push("remove");
    });
    const later = lock.build(async () => {
      events.push("later build");
    });
    await tick();
    expect(events).toEqual([]);
    first.resolve();
    await Promise.all([running, removal, later]);
    expect(events).toEqual(["first build end", "remove", "later build"]);
    expect(lock.state).toEqual({ builds: 0, removing: false, waiting: 0 });
  });

  it("releases the lock when the guarded work throws", async () => {
    const lock = new CacheLock();
    await expect(lock.remove(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(lock.build(async () => "built")).resolves.toBe("built");
    expect(lock.state).toEqual({ builds: 0, removing: false, waiting: 0 });
  });
});
