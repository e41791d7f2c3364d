import { describe, expect, it } from "vitest";
import { KeptLayers } from "./kept-layers.js";
import {
  closeAllSessions,
  onSessionsClosed,
  openSessionCount,
  type ShutdownEvent,
  shutdownHandler,
  trackSession,
} from "./shutdown.js";

/** A session stand-in that records its closing (the real one needs an engine: session.docker.test.ts). */
function fakeSession(runId: string, closeMs = 0) {
  const session = {
    runId,
    closed: 0,
    untrack: (): unknown => false,
    async close() {
      await new Promise((resolve) => setTimeout(resolve, closeMs));
      session.closed++;
      session.untrack();
    },
  };
  session.untrack = trackSession(session);
  return session;
}

describe("shutdown", () => {
  it("closes every open session on the first signal, then exits 130 for SIGINT", async () => {
    const a = fakeSession("a");
    const b = fakeSession("b", 20);
    expect(openSessionCount()).toBe(2);
    const told: ShutdownEvent[] = [];
    const exited = new Promise<number>((resolve) => {
      shutdownHandler({ tell: (event) => told.push(event), exit: resolve })("SIGINT");
    });
    expect(await exited).toBe(130);
    expect([a.closed, b.closed]).toEqual([1, 1]);
    expect(openSessionCount()).toBe(0);
    expect(told).toEqual([{ kind: "closing", signal: "SIGINT", sessions: 2 }]);
  });

  it("aborts the run's signal, with the signal's name, before any session closes", async () => {
    const interrupted = new AbortController();
    const seen: Array<boolean> = [];
    const session = fakeSession("seen");
    const close = session.close;
    session.close = async () => {
      seen.push(interrupted.signal.aborted);
      await close();
    };
    const exited = new Promise<number>((resolve) => {
      shutdownHandler({ interrupted, exit: resolve })("SIGTERM");
    });
    expect(interrupted.signal.reason).toBe("SIGTERM");
    expect(await exited).toBe(143);
    expect(seen).toEqual([true]);
  });

  it("exits at once on a second signal, 143 for SIGTERM", () => {
    const slow = fakeSession("slow", 1000);
    const codes: number[] = [];
    const handler = shutdownHandler({ exit: (code) => codes.push(code) });
    handler("SIGTERM");
    handler("SIGTERM");
    expect(codes).toEqual([143]);
    slow.untrack();
  });

  it("runs the finishers (the kept layers' removal) once every open session has closed", async () => {
    const events: string[] = [];
    const slow = fakeSession("slow", 20);
    const original = slow.close;
    slow.close = async () => {
      await original();
      events.push("closed");
    };
    const unregister = onSessionsClosed(async () => {
      events.push("finished");
    });
    expect(await closeAllSessions(1000)).toBe(true);
    expect(events).toEqual(["closed", "finished"]);
    unregister();
    expect(await closeAllSessions(1000)).toBe(true);
    expect(events).toEqual(["closed", "finished"]);
  });

  it("registers the kept layers' release while they are held, whatever holds are left", async () => {
    const layers = new KeptLayers();
    const first = layers.hold();
    const second = layers.hold();
    await first();
    await first(); // once only
    expect(layers.active).toBe(true);
    expect(await closeAllSessions(1000)).toBe(true);
    expect(layers.active).toBe(false);
    const third = layers.hold();
    await second(); // a hold the handler ended: its release is nothing
    expect(layers.active).toBe(true);
    await third();
    expect(layers.active).toBe(false);
  });

  it("gives up waiting after the deadline and says so", async () => {
    const stuck = fakeSession("stuck", 1000);
    expect(await closeAllSessions(50)).toBe(false);
    stuck.untrack();
  });
});
