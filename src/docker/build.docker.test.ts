import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureSubmission } from "../grader/test-context.js";
import { type BuildOutcome, type BuildRequest, buildImage } from "./build.js";
import { connectEngine, type Engine } from "./engine.js";
import { harnessReference, newRunId } from "./labels.js";
import { listLabelled, removeLabelled } from "./resources.js";
import { leftovers } from "./test-support.js";

const fixtures = fileURLToPath(new URL("./__fixtures__/", import.meta.url));
const runId = newRunId();
let engine: Engine;

/** Builds a fixture folder offline (`networkmode: none`) under this test file's run id. */
function build(dir: string, extra: Partial<BuildRequest> = {}): Promise<BuildOutcome> {
  const { files } = fixtureSubmission(dir);
  return buildImage({
    engine,
    root: files.root,
    files,
    reference: harnessReference(runId, path.basename(dir), "1"),
    runId,
    timeoutMs: 120_000,
    networkMode: "none",
    ...extra,
  });
}

async function imageGone(id: string): Promise<boolean> {
  return engine
    .getImage(id)
    .inspect()
    .then(() => false)
    .catch((error: { statusCode?: number }) => error.statusCode === 404);
}

beforeAll(async () => {
  engine = await connectEngine();
});

afterAll(async () => {
  await removeLabelled(engine, await listLabelled(engine, runId));
  expect(await leftovers(runId)).toEqual([]);
});

describe("buildImage on the real engine", () => {
  it("builds a small Flask app, tagged in the harness namespace and labelled with the run", async () => {
    const outcome = await build(path.join(fixtures, "app-ok"));
    if (!outcome.ok) throw new Error(`build failed: ${outcome.message}`);
    expect(outcome.reference).toBe(`dockgrade/${runId}/app-ok:1`);
    expect(outcome.steps).toBe(8);
    expect(outcome.context).toMatchObject({ files: 5, dockerignore: "present" });
    const image = await engine.getImage(outcome.reference).inspect();
    expect(image.Id).toBe(outcome.imageId);
    expect(outcome.sizeBytes).toBe(image.Size);
    expect(image.Config.Labels).toMatchObject({ "dockgrade.run": runId });
    expect(image.Config.ExposedPorts).toHaveProperty("5000/tcp");
  });

  it("quotes the failing RUN step and its output, and removes the intermediate images it made", async () => {
    // Without the cache, the WORKDIR step makes an intermediate image this build alone owns.
    const outcome = await build(path.join(fixtures, "run-fails"), { noCache: true });
    if (outcome.ok) throw new Error("the build should fail");
    expect(outcome.reason).toBe("failed");
    expect(outcome.message).toMatch(/returned a non-zero code: 1/);
    expect(outcome.failingStep).toMatchObject({
      index: 3,
      total: 4,
      instruction: expect.stringMatching(/^RUN echo/),
    });
    expect(outcome.lastLines).toContain("fatal: dependency quotegen-extra is not available");
    expect(outcome.cleanedUp?.images.length).toBeGreaterThan(0);
    for (const id of outcome.cleanedUp?.images ?? []) expect(await imageGone(id)).toBe(true);
  });

  it("names the COPY of a file that is not in the context (Requirements.txt vs requirements.txt)", async () => {
    const outcome = await build(path.join(fixtures, "copy-missing"));
    if (outcome.ok) throw new Error("the build should fail");
    expect(outcome.reason).toBe("failed");
    expect(outcome.message).toMatch(/^COPY failed: .*requirements\.txt/);
    expect(outcome.failingStep).toEqual({ index: 3, total: 6, instruction: "COPY requirements.txt ." });
  });

  it("stops an endless build at its timeout and removes the step container", async () => {
    const started = Date.now();
    const outcome = await build(path.join(fixtures, "endless"), { timeoutMs: 8000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    if (outcome.ok) throw new Error("the build should time out");
    expect(outcome.reason).toBe("timeout");
    expect(outcome.timeoutMs).toBe(8000);
    expect(outcome.message).toBe("the image build did not finish within 8 s");
    expect(outcome.failingStep?.instruction).toMatch(/sleep 3600/);
    expect(outcome.lastLines).toContain("waiting forever");
    const container = outcome.cleanedUp?.container;
    expect(container).toBeDefined();
    const gone = await engine
      .getContainer(container as string)
      .inspect()
      .then(() => false)
      .catch((error: { statusCode?: number }) => error.statusCode === 404);
    expect(gone).toBe(true);
  });

  it("says the daemon's reason when the folder holds no Dockerfile", async () => {
    const outcome = await build(path.join(fixtures, "app-ok", "data"));
    if (outcome.ok) throw new Error("the build should fail");
    expect(outcome.reason).toBe("failed");
    expect(outcome.message).toMatch(/Cannot locate specified Dockerfile/);
  });

  it("refuses a context above the cap before sending anything", async () => {
    const outcome = await build(path.join(fixtures, "app-ok"), { maxContextBytes: 100 });
    if (outcome.ok) throw new Error("the build should be refused");
    expect(outcome.reason).toBe("context-too-large");
    expect(outcome.maxContextBytes).toBe(100);
    expect(outcome.context?.bytes).toBeGreaterThan(100);
  });
});

describe(".dockerignore as the engine sees it", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-ignore-test-"));
    await cp(path.join(fixtures, "context-listing"), dir, { recursive: true });
    const put = async (rel: string) => {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), "x");
    };
    await put(".git/HEAD");
    await put("__pycache__/app.cpython-311.pyc");
    await put("pkg/__pycache__/mod.cpython-311.pyc");
    for (let i = 0; i < 1500; i++) await put(`.venv/lib/m${i}.py`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("sends neither .git, .venv nor __pycache__ (the image's own listing shows it)", async () => {
    // Every step run (no cached layer of an earlier run), so the listing is printed.
    const outcome = await build(dir, { keepLines: 100, noCache: true });
    if (!outcome.ok) throw new Error(`build failed: ${outcome.message}`);
    const listing = outcome.logTail.filter((line) => line.startsWith("ctx: ")).map((line) => line.slice(5));
    expect(listing).toEqual(["./.dockerignore", "./Dockerfile", "./app.py", "./pkg", "./pkg/__init__.py"]);
    expect(outcome.context.files).toBe(4);
  });
});
