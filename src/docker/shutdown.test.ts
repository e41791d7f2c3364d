import { describe, expect, it } from "vitest";
import { closeAllSessions, openSessionCount, shutdownHandler, trackSession } from "./shutdown.js";

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
    const lines: string[] = [];
    const exited = new Promise<number>((resolve) => {
      shutdownHandler({ log: (line) => lines.push(line), exit: resolve })("SIGINT");
    });
    expect(await exited).toBe(130);
    expect([a.closed, b.closed]).toEqual([1, 1]);
    expect(openSessionCount()).toBe(0);
    expect(lines[0]).toMatch(/^SIGINT: removing the Docker objects of 2 open session\(s\)/);
  });

  it("exits at once on a second signal, 143 for SIGTERM", () => {
    const slow = fakeSession("slow", 1000);
    const codes: number[] = [];
    const handler = shutdownHandler({ log: () => {}, exit: (code) => codes.push(code) });
    handler("SIGTERM");
    handler("SIGTERM");
    expect(codes).toEqual([143]);
    slow.untrack();
  });

  it("gives up waiting after the deadline and says so", async () => {
    const stuck = fakeSession("stuck", 1000);
    expect(await closeAllSessions(50)).toBe(false);
    stuck.untrack();
  });
});
