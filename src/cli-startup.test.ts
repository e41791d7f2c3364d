import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Start-up stays light: commands that never touch Docker never load the Docker client. Each command runs
// as users run it (bin/dockgrade.js on the built dist/), with a loader hook recording every module loaded.
const run = promisify(execFile);
const DOCKER_CLIENT = /\/node_modules\/(testcontainers|dockerode|docker-modem|undici|ssh2|@grpc)\//;
const noDocker = { ...process.env, DOCKER_HOST: "unix:///nonexistent/dockgrade-test.sock", NO_COLOR: "1" };
let dir: string;

/** The modules a command loaded (file URLs), whatever its exit code. */
async function loadedBy(args: string[]): Promise<string[]> {
  const file = path.join(dir, `${args.join("-").replace(/\W+/g, "_")}.txt`);
  const env = { ...noDocker, DOCKGRADE_TRACE_IMPORTS: file };
  const hook = "./src/__fixtures__/trace-imports.mjs";
  await run("node", ["--import", hook, "bin/dockgrade.js", ...args], { env }).catch(() => undefined);
  return (await readFile(file, "utf8")).split("\n");
}

describe("dockgrade start-up", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-startup-"));
    await run("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"]);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [["--version"]],
    [["rubric", "lint"]],
    [["rubric", "explain", "--lang", "en"]],
    [["render", "src/reporters/__fixtures__/report.json", "--format", "text"]],
  ])("%j loads no Docker client module", async (args) => {
    const loaded = await loadedBy(args);
    expect(loaded.some((url) => url.includes("/dist/src/program.js"))).toBe(true);
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
    expect(loaded.some((url) => url.endsWith("/dist/src/docker/gc.js"))).toBe(true);
  });
});
