// The start-up look for dead runs' leftovers: lease files and clone folders under the temporary folder only.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLONE_PREFIX, OCR_PREFIX } from "../submission/clone-dir.js";
import { deadRunsLeft } from "./gc.js";
import { currentOwner, type Lease, leaseDir } from "./lease.js";

let tmp: string;
let saved: string | undefined;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "dockgrade-dead-runs-"));
  saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp; // os.tmpdir() reads it at each call
});
afterEach(async () => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  await rm(tmp, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

async function lease(runId: string, pid: number, host = currentOwner().host): Promise<void> {
  const content: Lease = {
    ...currentOwner(),
    pid,
    host,
    runId,
    started: new Date().toISOString(),
    buildContainers: [],
    buildImages: [],
  };
  await mkdir(leaseDir(), { recursive: true });
  await writeFile(path.join(leaseDir(), `${runId}.json`), JSON.stringify(content));
}

describe("deadRunsLeft", () => {
  it("is false with nothing left, live runs only, or another machine's run", async () => {
    expect(await deadRunsLeft()).toBe(false);
    await lease("live", process.pid);
    await lease("elsewhere", deadPid(), "another-host");
    await mkdir(path.join(tmp, `${CLONE_PREFIX}${process.pid}-abc`));
    await mkdir(path.join(tmp, `${OCR_PREFIX}${process.pid}-abc`));
    expect(await deadRunsLeft()).toBe(false);
  });

  it("is true for a lease of a process that is gone", async () => {
    await lease("killed", deadPid());
    expect(await deadRunsLeft()).toBe(true);
  });

  it("is true for a clone folder of a process that is gone", async () => {
    await mkdir(path.join(tmp, `${CLONE_PREFIX}${deadPid()}-abc`));
    expect(await deadRunsLeft()).toBe(true);
  });

  it("is true for an OCR folder of a process that is gone", async () => {
    await mkdir(path.join(tmp, `${OCR_PREFIX}${deadPid()}-abc`));
    expect(await deadRunsLeft()).toBe(true);
  });
});
