import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface Run {
  wallMs: number;
  exitCode: number;
  stdout: string;
  /** The Node process's own CPU and peak memory (dockgrade runs only). */
  usage?: { userMs: number; systemMs: number; maxRssKb: number };
}

const here = path.dirname(new URL(import.meta.url).pathname);
export const ROOT = path.dirname(here);
const CLI = path.join(ROOT, "bin", "dockgrade.js");
const BASELINE = path.join(here, "baseline.sh");

let counter = 0;

/** Runs a command to its end, timing it; stdout is kept, stderr dropped (or echoed with BENCH_VERBOSE). */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", process.env.BENCH_VERBOSE ? "inherit" : "ignore"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        wallMs: performance.now() - started,
        exitCode: code ?? -1,
        stdout: Buffer.concat(chunks).toString(),
      }),
    );
  });
}

/** `dockgrade ARGS` on the Node running the benchmark, with its own CPU time and peak memory recorded. */
export async function dockgrade(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const file = path.join(os.tmpdir(), `dockgrade-bench-usage-${process.pid}-${++counter}.json`);
  const run = await timed(process.execPath, ["--import", path.join(here, "self-usage.mjs"), CLI, ...args], {
    ...env,
    DOCKGRADE_BENCH_USAGE: file,
  });
  const usage = await readFile(file, "utf8").then(JSON.parse, () => undefined);
  await rm(file, { force: true });
  return { ...run, usage };
}

/** The shell baseline on one submission. */
export function baseline(submission: string): Promise<Run> {
  return timed("bash", [BASELINE, submission]);
}

/** The shell baseline over many submissions, `jobs` at a time (`xargs -P`). */
export function baselineParallel(submissions: string[], jobs: number): Promise<Run> {
  const list = submissions.map((s) => `'${s.replace(/'/g, "'\\''")}'`).join(" ");
  return timed("bash", ["-c", `printf '%s\\n' ${list} | xargs -P ${jobs} -n 1 bash '${BASELINE}'`]);
}
