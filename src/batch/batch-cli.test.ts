// What `dockgrade batch` and `merge` say when they cannot start: exit 2 and the cause, before any grading.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "./test-class.js";

const run = promisify(execFile);
const noDocker = {
  ...process.env,
  DOCKER_HOST: "unix:///nonexistent/dockgrade-test.sock",
  NO_COLOR: "1",
  CI: "true",
};
let dir: string;

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["src/cli.ts", ...args], { env: noDocker });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-batch-cli-"));
  await writeFile(path.join(dir, "roster.csv"), "identifier,github_username\na,alice\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("dockgrade batch and merge, refused inputs", () => {
  it.each([
    [["batch", "--lang", "en"], /give exactly one list of submissions/],
    [["batch", EXAMPLES, "--urls", "x.txt", "--lang", "en"], /give exactly one list of submissions/],
    [["batch", EXAMPLES, "--shard", "3/2", "--lang", "en"], /--shard expects I\/N .*got 3\/2/],
    [["batch", EXAMPLES, "--deadline", "2026-12-01", "--lang", "en"], /--deadline expects .*time zone/],
    [["batch", "--roster", "ROSTER", "--lang", "en"], /--roster needs --repo/],
    [
      ["batch", "--roster", "ROSTER", "--repo", "https://h/{login}.git", "--lang", "fr"],
      /n'a pas cette colonne/,
    ],
    [["batch", "--urls", "/nonexistent/urls.txt", "--lang", "en"], /urls\.txt: cannot be read \(ENOENT/],
    [["batch", EXAMPLES, "--lang", "en"], /no Docker engine is reachable .*cannot be graded fairly/],
    [["batch", EXAMPLES, "--jobs", "0"], /un nombre entier, 1 ou plus|a whole number, 1 or more/],
    [["merge", "/nonexistent/shard", "--out", "OUT", "--lang", "en"], /no batch output found/],
  ])("%j", async (args, message) => {
    const filled = args.map((a) =>
      a.replace("ROSTER", path.join(dir, "roster.csv")).replace("OUT", path.join(dir, "out")),
    );
    const result = await cli(filled);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
