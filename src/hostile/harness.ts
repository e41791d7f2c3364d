// Helper of the hostile-submission tests (imported by `src/hostile/*.test.ts` only): runs the real CLI in
// a child process with a temporary folder of its own, and finds what a run left behind.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fillPlaceholders, freshNonce } from "../docker/hostile-support.js";
import type { Lease } from "../docker/lease.js";
import { leftovers } from "../docker/test-support.js";

export const FIXTURES = path.join(import.meta.dirname, "__fixtures__");
export const RUBRIC = path.join(FIXTURES, "rubric");

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `dockgrade …` as a user runs it, with TMPDIR (clones, sessions, leases) set to `tmp`. */
export function runCli(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: { ...process.env, NO_COLOR: "1", TMPDIR: tmp, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** A test folder standing in for the system's temporary folder. */
export function testTemp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "dockgrade-test-hostile-"));
}

/**
 * A copy of a fixture submission, to change before grading. `@NONCE@` in its Dockerfile becomes a value of
 * this copy's own: a step that holds it never comes from a layer an earlier run left in the cache.
 */
export async function copyFixture(name: string, tmp: string): Promise<string> {
  const dir = path.join(tmp, `submission-${name}`);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  await fillPlaceholders(path.join(dir, "Dockerfile"), { NONCE: freshNonce() }).catch(() => undefined);
  return dir;
}

/**
 * Makes the `noisy` fixture's app start serving only after `seconds`: a check waiting for its answer keeps
 * its container running, so a test can catch the run while a check's container runs (the app otherwise
 * answers at once, the check fails within a second and its container is gone before the test looks).
 */
export async function answerLate(dir: string, seconds: number): Promise<void> {
  const file = path.join(dir, "app.py");
  const text = await readFile(file, "utf8");
  const late = text.replace(/^HTTPServer\(/m, `__import__("time").sleep(${seconds})\nHTTPServer(`);
  if (late === text) throw new Error(`${file}: no HTTPServer( line to delay`);
  await writeFile(file, late);
}

/** The lease of the run process `pid` started, once it exists. */
export async function leaseOf(tmp: string, pid: number | undefined): Promise<Lease | undefined> {
  const dir = path.join(tmp, "dockgrade-runs");
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".json")) continue;
    const lease = JSON.parse(await readFile(path.join(dir, name), "utf8").catch(() => "{}")) as Lease;
    if (lease.pid === pid) return lease;
  }
  return undefined;
}

/** What dockgrade keeps in a temporary folder: clones, session folders, leases. */
export async function dockgradeTempEntries(tmp: string): Promise<string[]> {
  const top = (await readdir(tmp)).filter((name) => name.startsWith("dockgrade-"));
  const leases = await readdir(path.join(tmp, "dockgrade-runs")).catch(() => [] as string[]);
  return [
    ...top.filter((name) => name !== "dockgrade-runs"),
    ...leases.map((name) => `dockgrade-runs/${name}`),
  ];
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export { leftovers };

export async function removeTemp(tmp: string): Promise<void> {
  await rm(tmp, { recursive: true, force: true });
}

/** Waits for a run to end, noting its run id from its lease while it runs (the lease goes with the run). */
export async function runIdWhileRunning(
  tmp: string,
  run: CliRun,
): Promise<{ code: number | null; runId?: string }> {
  let runId: string | undefined;
  let done = false;
  const exited = run.exited.then((code) => {
    done = true;
    return code;
  });
  while (!done) {
    runId ??= (await leaseOf(tmp, run.child.pid))?.runId;
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return { code: await exited, ...(runId ? { runId } : {}) };
}
