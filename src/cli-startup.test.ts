import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMarkdown } from "./markdown/parse.js";
import { buildCli } from "./testing/build-cli.js";

// Start-up stays light: commands that never touch Docker never load the Docker client. Each command runs
// as users run it (bin/dockgrade.js on the built dist/: the bundle in dist/cli/), with a loader hook
// recording every file loaded; a file of the bundle stands for the modules it holds (dist/cli/meta.json).
const run = promisify(execFile);
const root = path.resolve(".");
const BUNDLE = path.join(root, "dist/cli/cli.js");
const DOCKER_CLIENT = /\/node_modules\/(testcontainers|dockerode|docker-modem|undici|ssh2|@grpc)\//;
const noDocker = { ...process.env, DOCKER_HOST: "unix:///nonexistent/dockgrade-test.sock", NO_COLOR: "1" };
let dir: string;

/** The files a command loaded (URLs), whatever its exit code. */
async function filesLoadedBy(args: string[], extraEnv: Record<string, string> = {}): Promise<string[]> {
  const file = path.join(dir, `${args.join("-").replace(/\W+/g, "_")}.txt`);
  const env = { ...noDocker, ...extraEnv, DOCKGRADE_TRACE_IMPORTS: file };
  const hook = "./src/__fixtures__/trace-imports.mjs";
  await run("node", ["--import", hook, "bin/dockgrade.js", ...args], { env }).catch(() => undefined);
  return (await readFile(file, "utf8")).split("\n");
}

type BundleMeta = { outputs: Record<string, { inputs: string[] }> };
const bundleMeta = async (): Promise<BundleMeta> => JSON.parse(await readFile("dist/cli/meta.json", "utf8"));

/** The modules a command loaded (file URLs): those loaded from node_modules and those inside the bundle. */
async function loadedBy(args: string[]): Promise<string[]> {
  const meta = await bundleMeta();
  const loaded = await filesLoadedBy(args);
  expect(loaded).toContain(pathToFileURL(BUNDLE).href);
  return loaded.flatMap((url) => {
    const bundled = url.startsWith("file:")
      ? meta.outputs[path.relative(path.dirname(BUNDLE), fileURLToPath(url))]
      : undefined;
    return bundled ? bundled.inputs.map((input) => pathToFileURL(path.resolve(root, input)).href) : [url];
  });
}

describe("dockgrade start-up", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-startup-"));
    await buildCli();
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [["--version"]],
    [["rubric", "lint"]],
    [["rubric", "explain", "--lang", "en"]],
    [["render", "src/reporters/__fixtures__/report.json", "--format", "text"]],
  ])("%j loads no Docker client module", async (args) => {
    const loaded = await loadedBy(args);
    expect(loaded.some((url) => url.endsWith("/src/program.ts"))).toBe(true);
    expect(loaded.filter((url) => DOCKER_CLIENT.test(url))).toEqual([]);
  });

  it("--version loads nothing but the command line parser from node_modules", async () => {
    const packages = (await loadedBy(["--version"]))
      .map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1])
      .filter((name): name is string => name !== undefined);
    expect([...new Set(packages)]).toEqual(["commander"]);
  });

  it("the trace sees what a Docker command loads on demand (gc: the engine clean-up)", async () => {
    const loaded = await loadedBy(["gc"]);
    expect(loaded.some((url) => url.endsWith("/src/docker/gc.ts"))).toBe(true);
  });

  it("rubric lint loads a few bundled files, not the ~750 modules tsc writes", async () => {
    // The cold path: the rubric read and validated, not read back from the cache.
    const cold = { DOCKGRADE_CACHE_DIR: "off" };
    const files = (await filesLoadedBy(["rubric", "lint"], cold)).filter((url) => url.startsWith("file:"));
    expect(files.filter((url) => url.includes("/dist/src/"))).toEqual([]);
    // The rubric's validators come compiled from the build (src/rubric/precompile-validators.ts).
    expect(files).toContain(pathToFileURL(path.join(root, "dist/cli/rubric-validators.js")).href);
    expect(files.length).toBeLessThan(40);
  });

  it("a second rubric lint of an unchanged rubric reads it back from the cache folder", async () => {
    const cache = { DOCKGRADE_CACHE_DIR: path.join(dir, "cache") };
    const validators = pathToFileURL(path.join(root, "dist/cli/rubric-validators.js")).href;
    expect(await filesLoadedBy(["rubric", "lint"], cache)).toContain(validators);
    expect(await readdir(path.join(dir, "cache", "rubrics"))).toHaveLength(1);
    expect(await filesLoadedBy(["rubric", "lint"], cache)).not.toContain(validators);
  });

  it("the bundle's Markdown worker (found beside its chunks) parses as the sources do", async () => {
    const text = "# Étape 1\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n";
    const worker = new Worker(path.join(root, "dist/cli/parse-worker.js"), { workerData: text });
    const tree = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(tree).toEqual(parseMarkdown(text));
  });

  it.each([["dockerode", "default"]])(
    "a CommonJS package loaded with import() (%s) keeps its named exports in the bundle",
    async (name, key) => {
      const meta = await bundleMeta();
      const file = Object.keys(meta.outputs).find((out) =>
        meta.outputs[out]?.inputs.includes(`cjs-named-exports:${name}`),
      );
      const module = (await import(
        pathToFileURL(path.join(root, "dist/cli", file ?? "missing")).href
      )) as Record<string, unknown>;
      expect(typeof module[key]).toBe("function");
    },
  );

  it("after a tsc alone (the bundle older than dist/src/), the launcher runs dist/src/, not a stale bundle", async () => {
    const { mtime } = await stat(BUNDLE);
    const old = new Date(Date.now() - 3_600_000);
    await utimes(BUNDLE, old, old);
    try {
      const files = await filesLoadedBy(["--version"]);
      expect(files.some((url) => url.endsWith("/dist/src/program.js"))).toBe(true);
      expect(files.some((url) => url.includes("/dist/cli/"))).toBe(false);
    } finally {
      await utimes(BUNDLE, mtime, mtime);
    }
  });
});
