// Kept layers (kept-layers.ts): while a class holds them, the second of two submissions with the same
// requirements.txt, built after the first has closed, takes the pip layer from the cache; released, nothing
// of either build is left. Not held, a close removes the image with its untagged parents, as always. A lease
// of kept layers left by a killed process is emptied by gc. A build whose RUN steps' layers are kept is
// built without a sandbox (sandboxed-build.ts, `cacheOnlyBuild`), and never runs a step that way.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../dockerfile/parse.js";
import { fixtureSubmission, testAssignment } from "../grader/test-context.js";
import { runStepsKey } from "./cache-only.js";
import { connectEngine, inspectImageIfPresent } from "./engine.js";
import { collectGarbage } from "./gc.js";
import { keptLayers } from "./kept-layers.js";
import { LABEL, newRunId } from "./labels.js";
import { newLease, readLeases, writeLease } from "./lease.js";
import { openDockerSession } from "./open-session.js";
import type { DockerSession } from "./session.js";
import { engineHoldsStepsUnderHolder, leftovers } from "./test-support.js";

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

/**
 * The container events (`create`, `start`) the engine recorded from `since` (ms) to now, with the run label.
 */
async function containerEvents(since: number) {
  const engine = await connectEngine();
  const stream = (await engine.getEvents({
    since: Math.floor(since / 1000),
    until: Math.ceil(Date.now() / 1000) + 1,
    filters: { type: ["container"], event: ["create", "start"] },
  })) as NodeJS.ReadableStream;
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map(
      (line) =>
        JSON.parse(line) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> } },
    )
    .map((event) => ({
      action: event.Action,
      id: event.Actor.ID,
      run: event.Actor.Attributes[LABEL.run],
    }));
}

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

      expect(first.buildSandbox).toMatchObject({ network: "closed", pidsLimit: expect.any(String) });
      const second = await open(dirB);
      const since = Date.now();
      const b = await build(second);
      const events = await containerEvents(since);
      await second.close();
      // The same layer: pip did not run again (a fresh step would have committed a new image).
      expect(b.pip).toBe(a.pip);
      expect(b.layers).toContain(a.pip);
      // ...and, its steps' layers being kept, the build made no sandbox: it started no container at all.
      // Only where a closed build's sandbox makes an object (a limits holder) is a build tried from the cache
      // alone; elsewhere the sandbox costs nothing to spare.
      const tried = await engineHoldsStepsUnderHolder();
      expect(second.buildSandbox).toEqual({
        network: "closed",
        pidsLimit: expect.any(String),
        ...(tried ? { stepsRan: false } : {}),
      });
      const started = events.filter((e) => e.action === "start" && e.run === second.runId);
      if (tried) expect(started).toEqual([]);

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

  it("held: two builds of the same steps at once run them once; the second waits and takes the first's layers", async () => {
    const nonce = randomBytes(8).toString("hex");
    const release = keptLayers.hold();
    try {
      const sessions = await Promise.all([open(await submission(nonce)), open(await submission(nonce))]);
      const [a, b] = await Promise.all(sessions.map((session) => build(session)));
      await Promise.all(sessions.map((session) => session.close()));
      expect(b?.pip).toBe(a?.pip);
      const summaries = sessions.map((session) => session.buildSandbox);
      const tried = (await engineHoldsStepsUnderHolder()) ? 1 : 0;
      expect(summaries.filter((summary) => summary?.stepsRan === false)).toHaveLength(tried);
      expect(summaries.filter((summary) => summary?.stepsRan === undefined)).toHaveLength(2 - tried);
    } finally {
      await release();
    }
  }, 300_000);

  it("steps remembered but their layers gone: the cache-only try starts no step, the build runs in its sandbox", async () => {
    const release = keptLayers.hold();
    try {
      const dir = await submission(randomBytes(8).toString("hex"));
      // As if an earlier build of the class had made these steps' layers, removed since by someone else.
      const parsed = parseDockerfile(await readFile(path.join(dir, "Dockerfile"), "utf8"));
      if (!parsed.ok) throw new Error("the fixture's Dockerfile does not parse");
      const key = await runStepsKey(
        parsed.dockerfile,
        (rel) => readFile(path.join(dir, rel)).catch(() => undefined),
        { buildArgs: false }, // a closed build: no proxy
      );
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      keptLayers.rememberSteps(key as string);
      const session = await open(dir);
      const since = Date.now();
      const built = await build(session);
      const events = await containerEvents(since);
      expect(session.buildSandbox).toMatchObject({ network: "closed", pidsLimit: expect.any(String) });
      expect(session.buildSandbox?.stepsRan).toBeUndefined();
      // The run's lease names the step containers the builder announced, the try's and the sandboxed
      // build's. The try's were created before the sandbox's holder and none of them started (no network to
      // start one on); of all of them, only the sandboxed build's pip step ran.
      const steps = (await readLeases()).get(session.runId)?.buildContainers ?? [];
      const started = events.filter((e) => e.action === "start").map((e) => e.id);
      const isStep = (id: string) => steps.some((step) => id.startsWith(step));
      expect(started.filter(isStep)).toHaveLength(1);
      if (await engineHoldsStepsUnderHolder()) {
        const holder = events.findIndex((e) => e.action === "create" && e.run === session.runId);
        expect(holder).toBeGreaterThan(0);
        const tried = events.slice(0, holder).filter((e) => e.action === "create" && isStep(e.id));
        expect(tried.length).toBeGreaterThan(0);
        expect(tried.filter((e) => started.includes(e.id))).toEqual([]);
      }
      expect(built.pip).toMatch(/^sha256:/);
      await session.close();
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
