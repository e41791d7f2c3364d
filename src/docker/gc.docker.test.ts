import { access, mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureSubmission } from "../grader/test-context.js";
import { buildImage } from "./build.js";
import { connectEngine, type Engine } from "./engine.js";
import { collectGarbage } from "./gc.js";
import { harnessReference, newRunId, resourceLabels, TEMP_PREFIX } from "./labels.js";
import { leftovers } from "./test-support.js";

const fixtures = fileURLToPath(new URL("./__fixtures__/", import.meta.url));
const crashed = newRunId();
const bystander = newRunId();
const tempDir = path.join(os.tmpdir(), `${TEMP_PREFIX}${crashed}-abc123`);
let engine: Engine;

/** What a run leaves when it dies mid-way: an image, a running container, a volume, a network, a folder. */
async function simulateCrashedRun(runId: string): Promise<void> {
  const { files } = fixtureSubmission(path.join(fixtures, "app-ok"));
  const built = await buildImage({
    engine,
    root: files.root,
    files,
    reference: harnessReference(runId, "quotegen", "1"),
    runId,
    timeoutMs: 120_000,
    networkMode: "none",
  });
  if (!built.ok) throw new Error(`fixture build failed: ${built.message}`);
  await engine.createNetwork({ Name: `dockgrade-${runId}`, Labels: resourceLabels(runId, "network") });
  await engine.createVolume({ Name: `dockgrade-${runId}-v1`, Labels: resourceLabels(runId, "volume") });
  const container = await engine.createContainer({
    name: `dockgrade-${runId}-c1`,
    Image: built.imageId,
    Labels: resourceLabels(runId, "container"),
    HostConfig: { NetworkMode: `dockgrade-${runId}` },
  });
  await container.start();
}

beforeAll(async () => {
  engine = await connectEngine();
  await simulateCrashedRun(crashed);
  await simulateCrashedRun(bystander);
  await mkdir(tempDir, { recursive: true });
});

afterAll(async () => {
  await collectGarbage({ runId: bystander, engine });
  await rm(tempDir, { recursive: true, force: true });
  expect(await leftovers(crashed)).toEqual([]);
  expect(await leftovers(bystander)).toEqual([]);
});

describe("collectGarbage", () => {
  it("leaves objects younger than the age asked for", async () => {
    const counts = await collectGarbage({ runId: crashed, olderThanMs: 60 * 60_000, engine });
    expect(counts).toEqual({ containers: 0, images: 0, volumes: 0, networks: 0, tempDirs: 0, errors: [] });
    expect((await leftovers(crashed)).length).toBe(4);
  });

  it("removes what a crashed run left, and only that run's", async () => {
    const later = Date.now() + 2 * 60 * 60_000;
    const counts = await collectGarbage({
      runId: crashed,
      olderThanMs: 60 * 60_000,
      now: () => later,
      engine,
    });
    expect(counts).toEqual({ containers: 1, images: 1, volumes: 1, networks: 1, tempDirs: 1, errors: [] });
    expect(await leftovers(crashed)).toEqual([]);
    await expect(access(tempDir)).rejects.toThrow();
    expect((await leftovers(bystander)).length).toBe(4);
  });
});
