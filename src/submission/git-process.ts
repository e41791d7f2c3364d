import { spawn } from "node:child_process";
import { folderBytes } from "./folder-size.js";

/** Why a git command stopped: it failed on its own, or the harness killed it. */
export type GitStopKind = "failed" | "timeout" | "too-large" | "aborted";

export class GitStop extends Error {
  override name = "GitStop";
  constructor(
    readonly kind: GitStopKind,
    /** git's error output (the end of it), not redacted. */
    readonly stderr: string,
  ) {
    super(`git stopped: ${kind}`);
  }
}

export interface GitRunOptions {
  cwd?: string;
  env: Record<string, string>;
  /** Epoch milliseconds after which git is killed (kind "timeout"). */
  until: number;
  /** A folder whose size is polled while git runs, and checked once it ends (kind "too-large"). */
  watch?: { dir: string; maxBytes: number };
  signal?: AbortSignal;
}

const POLL_MS = 200;
const KEPT_OUTPUT = 64 * 1024;

/**
 * Runs git in its own process group with no terminal and no input, so it can never prompt, and every
 * process it starts (remote helpers, upload-pack, ssh) is killed with it. Resolves with its output.
 */
export function runGit(args: string[], options: GitRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new GitStop("aborted", ""));
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let stopped: GitStopKind | undefined;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout = (stdout + chunk).slice(-KEPT_OUTPUT);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-KEPT_OUTPUT);
    });
    const stop = (kind: GitStopKind) => {
      stopped ??= kind;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => stop("timeout"), Math.max(0, options.until - Date.now()));
    const onAbort = () => stop("aborted");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const watch = options.watch;
    let polling = false;
    const poller = watch
      ? setInterval(async () => {
          if (polling) return;
          polling = true;
          if ((await folderBytes(watch.dir, watch.maxBytes)) > watch.maxBytes) stop("too-large");
          polling = false;
        }, POLL_MS)
      : undefined;
    child.on("error", (error) => {
      stderr += `\nfatal: ${error.message}`;
    });
    child.on("close", async (code) => {
      clearTimeout(timer);
      clearInterval(poller);
      options.signal?.removeEventListener("abort", onAbort);
      if (
        !stopped &&
        code === 0 &&
        watch &&
        (await folderBytes(watch.dir, watch.maxBytes)) > watch.maxBytes
      ) {
        stopped = "too-large";
      }
      if (stopped) reject(new GitStop(stopped, stderr));
      else if (code !== 0) reject(new GitStop("failed", stderr));
      else resolve(stdout);
    });
  });
}
