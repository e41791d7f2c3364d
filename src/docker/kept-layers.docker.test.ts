// Kept layers (kept-layers.ts): while a class holds them, the second of two submissions with the same
// requirements.txt, built after the first has closed, takes the pip layer from the cache; released, nothing
// of either build is left. Not held, a close removes the image with its untagged parents, as always. A lease
// of kept layers left by a killed process is emptied by gc.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureSubmission, testAssignment } from "../grader/test-context.js";
import { connectEngine, inspectImageIfPresent } from "./engine.js";
import { collectGarbage } from "./gc.js";
import { keptLayers } from "./kept-layers.js";
import { newRunId } from "./labels.js";
import { newLease, readLeases, writeLease } from "./lease.js";
import { openDockerSession } from "./open-session.js";
import type { DockerSession } from "./session.js";
import { leftovers } from "./test-support.js";

const app = path.join(fileURLToPath(new URL("./__fixtures__/", import.meta.url)), "app-ok");
const folders: string[] = [];
afterAll(async () => {
  await keptLayers.releaseAll();
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A copy of app-ok whose requirements.txt carries `nonce` (so its pip step is this test's own, never a layer
 * another run on the engine holds) and whose app.py carries a line of its own (no two contexts identical).
 */
async function submission(nonce: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-kept-layers-"));
  folders.push(dir);
  await cp(app, dir, { recursive: true });
  await writeFile(path.join(dir, "requirements.txt"), `# ${nonce}\nflask\ngunicorn\n`);
  await writeFile(path.join(dir, "app.py"), `# ${randomBytes(6).toString("hex")}\n`, { flag: "a" });
  return dir;
}

const open = (dir: string) =>
  openDockerSession({
    ...fixtureSubmission(dir),
    assignment: testAssignment({ limits: { memoryMb: 256, cpus: 0.5, pids: 128 } }),
    buildNetwork: "none",
  });

/**
 * Builds; the id of the pip step's layer, and the layers from `COPY requirements.txt` on (the first step
 * the nonce makes this test's own: `WORKDIR /app` on the base image may be another run's cache).
 */
async function build(session: DockerSession) {
  const outcome = await session.image();
  if (!outcome.ok) throw new Error(`build failed: ${JSON.stringify(outcome)}`);
  const history = await session.imageHistory(); // newest first
  const at = history.findIndex((entry) => entry.CreatedBy.includes("pip install"));
  expect(at).toBeGreaterThan(0);
  const own = history.slice(0, at + 2).map((entry) => entry.Id);
  expect(own).not.toContain("<missing>");
  return { imageId: outcome.imageId, pip: history[at]?.Id as string, layers: own };
}

/** Whether the holder keeps that layer (the build log names images by their first 12 hex digits). */
const keeps = (id: string) => keptLayers.kept.some((short) => id.replace(/^sha256:/, "").startsWith(short));

async function exists(id: string): Promise<boolean> {
  return (await inspectImageIfPresent(await connectEngine(), id)) !== undefined;
}

describe("kept layers", () => {
  it("held: the next build reuses the pip layer of a closed one; released, nothing of either is left", async () => {
    const nonce = randomBytes(8).toString("hex");
    const [dirA, dirB] = [await submission(nonce), await submission(nonce)];
    const release = keptLayers.hold();
    try {
      const first = await open(dirA);
      const a = await build(first);
      await first.close();
      expect(a.pip).toMatch(/^sha256:/);
      // The image is gone, its parents (the pip layer among them) stay, listed in the holder's lease.
      expect(await exists(a.imageId)).toBe(false);
      expect(await exists(a.pip)).toBe(true);
      for (const id of a.layers) expect(keeps(id)).toBe(true);
      const lease = (await readLeases()).get(keptLayers.leaseRunId as string);
      expect(lease?.buildImages).toEqual([...keptLayers.kept]);

      const second = await open(dirB);
      const b = await build(second);
      await second.close();
      // The same layer: pip did not run again (a fresh step would have committed a new image).
      expect(b.pip).toBe(a.pip);
      expect(b.layers).toContain(a.pip);

      await release();
      const left = [];
      for (const id of new Set([...a.layers, ...b.layers])) if (await exists(id)) left.push(id);
      expect(left).toEqual([]);
      expect([...(await leftovers(first.runId)), ...(await leftovers(second.runId))]).toEqual([]);
      expect(keptLayers.kept).toEqual([]);
      expect((await readLeases()).has(keptLayers.leaseRunId as string)).toBe(false);
    } finally {
      await release();
    }
  }, 300_000);

  it("not held: a close removes the image with its untagged parents, as before", async () => {
    const session = await open(await submission(randomBytes(8).toString("hex")));
    const built = await build(session);
    expect(built.layers.length).toBeGreaterThan(3);
    expect(keptLayers.active).toBe(false);
    await session.close();
    const left = [];
    for (const id of built.layers) if (await exists(id)) left.push(id);
    expect(left).toEqual([]);
    expect(keptLayers.kept).toEqual([]);
    expect(await leftovers(session.runId)).toEqual([]);
  }, 300_000);

  it("a lease of kept layers left by a dead process: gc removes them, newest first", async () => {
    const release = keptLayers.hold();
    try {
      const session = await open(await submission(randomBytes(8).toString("hex")));
      const built = await build(session);
      await session.close();
      expect(await exists(built.pip)).toBe(true);
      // What a process killed mid-class leaves: a lease naming the kept layers (oldest first).
      const runId = newRunId();
      await writeLease({ ...newLease(runId), buildImages: [...keptLayers.kept] });
      await collectGarbage({ runId });
      const left = [];
      for (const id of built.layers) if (await exists(id)) left.push(id);
      expect(left).toEqual([]);
      expect((await readLeases()).has(runId)).toBe(false);
    } finally {
      await release();
    }
  }, 300_000);
});
