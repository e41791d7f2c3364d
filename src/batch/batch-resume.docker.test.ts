// A class from a list of git URLs on a loopback git daemon: killed with SIGKILL midway then run again, and
// graded in two shards then merged — each must end with the grades of one uninterrupted run.
import { spawn } from "node:child_process";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../package-info.js";
import { startGitDaemon, type TestGitServer } from "../testing/git-servers.js";
import { BEFORE, dockgrade, SMALL_RUBRIC, studentRepo } from "./test-class.js";

const STUDENTS: Array<[string, string]> = [
  ["tp-anna", "complete"],
  ["tp-basile", "shell-form-cmd"],
  ["tp-chloe", "build-fails"],
  ["tp-driss", "localhost-bind"],
  ["tp-emma", "thin-report"],
];
let base: string;
let daemon: TestGitServer;
let urls: string;
let reference: string;
const common = ["--rubric", SMALL_RUBRIC, "--lang", "en", "--jobs", "2"];

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "dockgrade-resume-"));
  for (const [name, example] of STUDENTS)
    await studentRepo(path.join(base, "repos", name), [[example, BEFORE]]);
  daemon = await startGitDaemon(path.join(base, "repos"));
  urls = path.join(base, "urls.txt");
  await writeFile(urls, `# the class\n${STUDENTS.map(([name]) => daemon.url(name)).join("\n")}\n`);
  const run = await dockgrade(["batch", "--urls", urls, "--out", path.join(base, "whole"), ...common]);
  expect(run.code, run.stderr).toBe(0);
  reference = await readFile(path.join(base, "whole/grades.csv"), "utf8");
}, 600_000);

afterAll(async () => {
  await daemon?.close();
  await rm(base, { recursive: true, force: true });
});

describe("a batch that stops midway", () => {
  it("loses nothing when killed with SIGKILL, and the next run finishes the rest with the same grades", async () => {
    const out = path.join(base, "killed");
    const launcher = path.join(packageRoot(), "bin/dockgrade.js");
    const child = spawn(process.execPath, [launcher, "batch", "--urls", urls, "--out", out, ...common], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    // Killed as soon as a first student is recorded, while others are being graded.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (/^\[1\/5\]/m.test(stderr)) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 50);
      child.once("exit", () => {
        clearInterval(poll);
        reject(new Error(`the batch ended before it could be killed:\n${stderr}`));
      });
    });
    await new Promise((resolve) => child.once("close", resolve));
    await expect(access(path.join(out, "grades.csv"))).rejects.toThrow();
    const gc = await dockgrade(["gc"]);
    expect(gc.code, gc.stderr).toBe(0);

    const rerun = await dockgrade(["batch", "--urls", urls, "--out", out, ...common]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/\(\d+ unchanged and reused\)/);
    expect(rerun.stderr).not.toMatch(/\(0 unchanged and reused\)/);
    expect(await readFile(path.join(out, "grades.csv"), "utf8")).toBe(reference);
  });
});

describe("shards", () => {
  it("shard 1/2 plus shard 2/2, merged, equal the unsharded run", async () => {
    for (const shard of ["1/2", "2/2"]) {
      const run = await dockgrade([
        "batch",
        "--urls",
        urls,
        "--out",
        path.join(base, `shard-${shard[0]}`),
        "--shard",
        shard,
        ...common,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const graded = run.stderr.match(/^\[\d\/(\d)\]/m)?.[1];
      expect(graded).toBe(shard === "1/2" ? "3" : "2");
    }
    const merged = path.join(base, "merged");
    const merge = await dockgrade([
      "merge",
      path.join(base, "shard-1"),
      path.join(base, "shard-2"),
      "--out",
      merged,
    ]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(await readFile(path.join(merged, "grades.csv"), "utf8")).toBe(reference);
    const summary = JSON.parse(await readFile(path.join(merged, "summary.json"), "utf8"));
    const whole = JSON.parse(await readFile(path.join(base, "whole/summary.json"), "utf8"));
    expect(summary.stats).toEqual(whole.stats);
    expect(summary.histogram).toEqual(whole.histogram);
    expect(summary.mostFailed).toEqual(whole.mostFailed);
    await access(path.join(merged, "index.html"));
    await access(path.join(merged, "tp-anna/report.json"));
  });

  it("merging only one shard lists the missing students as not graded", async () => {
    const partial = path.join(base, "partial");
    const merge = await dockgrade(["merge", path.join(base, "shard-1"), "--out", partial, "--lang", "en"]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toMatch(/no shard holds a result for tp-basile, tp-driss/);
    expect(await readFile(path.join(partial, "grades.csv"), "utf8")).toMatch(/tp-basile,.*not graded/);
  });
});
