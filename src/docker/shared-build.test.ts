import { describe, expect, it } from "vitest";
import type { BuildOutcome } from "./build.js";
import { reusable, SharedBuilds } from "./shared-build.js";

const success = (id: string): BuildOutcome => ({
  ok: true,
  imageId: id,
  reference: "dockgrade/x/quotegen:1.1.0",
  sizeBytes: 1,
  durationMs: 1,
  context: { files: 1, bytes: 1 } as never,
  steps: 1,
  logTail: [],
});
const failure = (
  reason: "failed" | "timeout" | "aborted" | "engine" | "context-too-large",
): BuildOutcome => ({
  ok: false,
  reason,
  message: reason,
  lastLines: [],
  durationMs: 1,
});

describe("SharedBuilds", () => {
  it("builds once per key, under a run id of its own, and removes it when the last user releases it", async () => {
    const builds = new SharedBuilds();
    const built: string[] = [];
    const removed: string[] = [];
    const build = async (runId: string) => {
      built.push(runId);
      return success(`sha256:${built.length}`);
    };
    const remove = async (runId: string) => {
      removed.push(runId);
    };
    const [a, b] = await Promise.all([builds.use("k", build, remove), builds.use("k", build, remove)]);
    const c = await builds.use("other", build, remove);
    expect(built).toHaveLength(2);
    expect([a.built, b.built, c.built]).toEqual([true, false, true]);
    expect(a.runId).toBe(b.runId);
    expect(a.outcome).toEqual(b.outcome);
    await a.release();
    await a.release();
    expect(removed).toEqual([]);
    await b.release();
    expect(removed).toEqual([a.runId]);
    // Released by all: the next session with that key builds again (from the layer cache).
    const d = await builds.use("k", build, remove);
    expect([d.built, d.runId === a.runId, built.length]).toEqual([true, false, 3]);
    await Promise.all([c.release(), d.release()]);
    expect(builds.size).toBe(0);
  });

  it.each([
    { outcome: success("sha256:1"), shared: true },
    { outcome: failure("failed"), shared: true },
    { outcome: failure("context-too-large"), shared: true },
    { outcome: failure("timeout"), shared: false },
    { outcome: failure("aborted"), shared: false },
    { outcome: failure("engine"), shared: false },
  ])("another session reuses a build ending $outcome.reason: $shared", ({ outcome, shared }) => {
    expect(reusable(outcome)).toBe(shared);
  });
});
