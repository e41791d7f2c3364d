import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE, lockOutDir } from "./out-lock.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "dockgrade-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);
const plant = (holder: object | string) =>
  writeFileSync(lockFile(), typeof holder === "string" ? holder : JSON.stringify(holder));
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

describe("one batch at a time in an output folder", () => {
  it("takes the folder, refuses a second batch naming the first, and frees it when released", () => {
    const first = lockOutDir(dir, "batch", new Date("2026-11-30T20:00:00Z"));
    expect(first.ok).toBe(true);
    expect(JSON.parse(readFileSync(lockFile(), "utf8"))).toEqual({
      pid: process.pid,
      host: os.hostname(),
      started: "2026-11-30T20:00:00.000Z",
      command: "batch",
    });
    const second = lockOutDir(dir);
    expect(second).toMatchObject({ ok: false, holder: { pid: process.pid, host: os.hostname() } });
    if (first.ok) first.release();
    expect(existsSync(lockFile())).toBe(false);
    const third = lockOutDir(dir);
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });

  it("is taken by a merge as by a batch, and names which holds it", () => {
    const merge = lockOutDir(dir, "merge");
    expect(lockOutDir(dir)).toMatchObject({ ok: false, holder: { pid: process.pid, command: "merge" } });
    if (merge.ok) merge.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("takes over a lock left by a process that no longer runs on this machine", () => {
    const pid = deadPid();
    plant({ pid, host: os.hostname(), started: "2026-11-29T08:00:00.000Z" });
    const lock = lockOutDir(dir);
    expect(lock).toMatchObject({ ok: true, tookOverFrom: { pid, started: "2026-11-29T08:00:00.000Z" } });
    expect(JSON.parse(readFileSync(lockFile(), "utf8")).pid).toBe(process.pid);
    if (lock.ok) lock.release();
  });

  it("refuses a lock held on another machine, or one it cannot read: it cannot tell they are stale", () => {
    plant({ pid: deadPid(), host: "another-machine", started: "2026-11-29T08:00:00.000Z" });
    expect(lockOutDir(dir)).toMatchObject({ ok: false, holder: { host: "another-machine" } });
    plant("{ half written");
    expect(lockOutDir(dir)).toEqual({ ok: false, holder: undefined, file: lockFile() });
  });

  it("is removed when the process ends, even by an interruption's exit", () => {
    const script = [
      `import { lockOutDir } from ${JSON.stringify(path.resolve("src/batch/out-lock.ts"))};`,
      `const lock = lockOutDir(${JSON.stringify(dir)});`,
      "if (!lock.ok) process.exit(1);",
      "process.exit(130);",
    ].join("\n");
    const ended = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
    expect(ended.status, String(ended.stderr)).toBe(130);
    expect(existsSync(lockFile())).toBe(false);
    expect(execFileSync("ls", ["-A", dir]).toString()).toBe("");
  });
});
