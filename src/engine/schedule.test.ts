import { describe, expect, it } from "vitest";
import { chainLengths, runScheduled, type Schedulable } from "./schedule.js";

interface Item extends Schedulable {
  pool: string;
}
const item = (id: string, needs: string[] = [], pool = "p"): Item => ({ id, needs, pool });

/** Runs the items with hand-made tasks that finish when the test says, recording what happens. */
function harness(items: Item[], caps: Record<string, number>) {
  const events: string[] = [];
  const finishers = new Map<string, (error?: Error) => void>();
  const done = runScheduled(items, { pool: (i) => i.pool, caps }, (i) => {
    events.push(`start ${i.id}`);
    return new Promise<void>((resolve, reject) => {
      finishers.set(i.id, (error) => {
        events.push(`end ${i.id}`);
        if (error) reject(error);
        else resolve();
      });
    });
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const finish = async (id: string, error?: Error) => {
    const finisher = finishers.get(id);
    if (!finisher) throw new Error(`${id} has not started`);
    finisher(error);
    await settle();
  };
  return { events, finish, done, settle };
}

describe("chainLengths", () => {
  it.each([
    { name: "no needs", items: [item("a"), item("b")], want: { a: 1, b: 1 } },
    { name: "a chain", items: [item("a"), item("b", ["a"]), item("c", ["b"])], want: { a: 3, b: 2, c: 1 } },
    {
      name: "the longest branch counts",
      items: [item("build"), item("size", ["build"]), item("api", ["build"]), item("bind", ["api"])],
      want: { build: 3, size: 1, api: 2, bind: 1 },
    },
    { name: "unknown needs ignored", items: [item("a", ["gone"])], want: { a: 1 } },
  ])("$name", ({ items, want }) => {
    expect(Object.fromEntries(chainLengths(items))).toEqual(want);
  });

  it("refuses a cycle", () => {
    expect(() => chainLengths([item("a", ["b"]), item("b", ["a"])])).toThrow(/cycle/);
  });
});

describe("runScheduled", () => {
  it("starts an item only after everything it needs has finished", async () => {
    const h = harness([item("a"), item("b", ["a"]), item("c", ["a", "b"])], { p: 4 });
    await h.settle();
    expect(h.events).toEqual(["start a"]);
    await h.finish("a");
    await h.finish("b");
    await h.finish("c");
    await h.done;
    expect(h.events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("keeps each pool under its cap, and pools apart", async () => {
    const items = [item("d1", [], "docker"), item("d2", [], "docker"), item("d3", [], "docker")];
    const h = harness([...items, item("l1", [], "local")], { docker: 2, local: 1 });
    await h.settle();
    expect(h.events).toEqual(["start d1", "start d2", "start l1"]);
    await h.finish("d2");
    expect(h.events.at(-1)).toBe("start d3");
    for (const id of ["d1", "d3", "l1"]) await h.finish(id);
    await h.done;
  });

  it("gives a free slot to the longest chain first, then to the earliest item", async () => {
    const h = harness([item("leaf1"), item("leaf2"), item("api"), item("bind", ["api"])], { p: 1 });
    await h.settle();
    expect(h.events).toEqual(["start api"]);
    await h.finish("api");
    expect(h.events.at(-1)).toBe("start leaf1");
    await h.finish("leaf1");
    expect(h.events.at(-1)).toBe("start leaf2");
    await h.finish("leaf2");
    await h.finish("bind");
    await h.done;
  });

  it("after a failure starts nothing new, waits for the items in flight, then throws", async () => {
    const h = harness([item("a"), item("b"), item("c", ["a"])], { p: 2 });
    await h.settle();
    await h.finish("a", new Error("boom"));
    expect(h.events).toEqual(["start a", "start b", "end a"]);
    let settled = false;
    const outcome = h.done.catch((error: Error) => {
      settled = true;
      return error.message;
    });
    await h.settle();
    expect(settled).toBe(false);
    await h.finish("b");
    expect(await outcome).toBe("boom");
    expect(h.events).not.toContain("start c");
  });

  it("lends an idle item's slot to a ready item, and gives it back to that item first", async () => {
    const items = [item("owner"), item("joiner"), item("next"), item("last")];
    let release: () => void = () => {};
    const events: string[] = [];
    const finishers = new Map<string, () => void>();
    const done = runScheduled(items, { pool: (i) => i.pool, caps: { p: 2 } }, async (i, slot) => {
      events.push(`start ${i.id}`);
      if (i.id === "joiner") {
        await slot.idle(new Promise<void>((resolve) => (release = resolve)));
        events.push("joiner back");
      }
      await new Promise<void>((resolve) => finishers.set(i.id, resolve));
      events.push(`end ${i.id}`);
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    // The joiner waits on the owner's work: its slot goes to `next`.
    expect(events).toEqual(["start owner", "start joiner", "start next"]);
    release();
    await settle();
    // Both slots are taken: the joiner waits for one, and gets it before `last`.
    expect(events.at(-1)).toBe("start next");
    finishers.get("owner")?.();
    await settle();
    expect(events.slice(-2)).toEqual(["end owner", "joiner back"]);
    finishers.get("next")?.();
    await settle();
    expect(events.at(-1)).toBe("start last");
    finishers.get("joiner")?.();
    finishers.get("last")?.();
    await done;
  });

  it("lets an item that gives its slot up for good go on without one", async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const finishers = new Map<string, () => void>();
    const done = runScheduled(
      [item("stopper"), item("next"), item("last")],
      { pool: (i) => i.pool, caps: { p: 1 } },
      async (i, slot) => {
        events.push(`start ${i.id}`);
        if (i.id === "stopper") {
          await slot.idle(new Promise<void>((resolve) => (release = resolve)), { back: false });
          events.push("stopper goes on");
        }
        await new Promise<void>((resolve) => finishers.set(i.id, resolve));
        events.push(`end ${i.id}`);
      },
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    expect(events).toEqual(["start stopper", "start next"]);
    release();
    await settle();
    // The only slot is `next`'s: the stopper goes on all the same.
    expect(events.at(-1)).toBe("stopper goes on");
    finishers.get("stopper")?.();
    await settle();
    // Its end frees no slot: `last` still waits for `next`.
    expect(events.at(-1)).toBe("end stopper");
    finishers.get("next")?.();
    await settle();
    expect(events.at(-1)).toBe("start last");
    finishers.get("last")?.();
    await done;
  });

  it("runs nothing for no items", async () => {
    await expect(runScheduled([], { pool: () => "p", caps: {} }, async () => {})).resolves.toBeUndefined();
  });
});
