import { describe, expect, it } from "vitest";
import { sharedWork } from "./shared-work.js";

const live = () => new AbortController().signal;

describe("sharedWork", () => {
  it("does the work once per owner and key, and hands every caller the same result", async () => {
    const session = {};
    let runs = 0;
    const work = async () => ++runs;
    const answers = await Promise.all([
      sharedWork(session, "bind", live(), work),
      sharedWork(session, "bind", live(), work),
    ]);
    expect(answers).toEqual([1, 1]);
    expect(await sharedWork(session, "other", live(), work)).toBe(2);
    expect(await sharedWork({}, "bind", live(), work)).toBe(3);
  });

  it("waits through `idle` only when it joins work another caller started", async () => {
    const session = {};
    const idled: string[] = [];
    const idle =
      (who: string) =>
      async <R>(waiting: Promise<R>) => {
        idled.push(who);
        return waiting;
      };
    const answers = await Promise.all([
      sharedWork(session, "bind", live(), async () => "run", idle("first")),
      sharedWork(session, "bind", live(), async () => "never", idle("second")),
    ]);
    expect(answers).toEqual(["run", "run"]);
    expect(idled).toEqual(["second"]);
    // Work already done is handed over at once.
    expect(await sharedWork(session, "bind", live(), async () => "never", idle("third"))).toBe("run");
    expect(idled).toEqual(["second"]);
  });

  it("shares a failure like a result", async () => {
    const session = {};
    const boom = async () => {
      throw new Error("engine gone");
    };
    await expect(sharedWork(session, "k", live(), boom)).rejects.toThrow("engine gone");
    await expect(sharedWork(session, "k", live(), async () => "never")).rejects.toThrow("engine gone");
  });

  it("does the work again for a caller when the check that did it was cut by its deadline", async () => {
    const session = {};
    const first = new AbortController();
    const cut = sharedWork(session, "k", first.signal, async () => {
      first.abort(new Error("check timed out"));
      return "half-done";
    });
    expect(await cut).toBe("half-done");
    expect(await sharedWork(session, "k", live(), async () => "complete")).toBe("complete");
    expect(await sharedWork(session, "k", live(), async () => "again")).toBe("complete");
  });
});
