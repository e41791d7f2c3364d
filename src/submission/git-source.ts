import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import { CLONE_PREFIX } from "../docker/labels.js";
import { cloneEnvironment, type TokenOptions } from "./clone-environment.js";
import { commitAtDeadline, commitInfo } from "./deadline.js";
import { cloneFailureReason } from "./git-failure.js";
import { GitStop, runGit } from "./git-process.js";
import { redactText, redactUrl, validateGitUrl } from "./git-url.js";
import { assertReachable } from "./reachable.js";
import { SubmissionError } from "./submission-error.js";

export { cloneEnvironment } from "./clone-environment.js";
export { isGitUrl, redactText, redactUrl, validateGitUrl } from "./git-url.js";
export { SubmissionError } from "./submission-error.js";

export interface Clone {
  dir: string;
  commit: string;
  /** Committer date of `commit` (ISO 8601). */
  commitDate: string;
  remove(): Promise<void>;
}

export interface CloneOptions extends TokenOptions {
  /** A branch or tag instead of the default branch. */
  ref?: string;
  /** For the whole clone (default 120 s). */
  timeoutMs?: number;
  /** Largest size of the clone folder (history and files); default 500 MB. */
  maxBytes?: number;
  /** Grade the last commit at or before this date instead of the newest one. */
  deadline?: Date;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BYTES = 500 * 1024 * 1024;

/**
 * Clones a submission into a fresh temporary folder: shallowly, or, with a deadline, the default branch's
 * history without file contents, then the last commit before the deadline (detached). Submodules, LFS
 * downloads and hooks are off, and git runs with a clean environment: cloning a hostile repository runs
 * none of its code. Errors name git's reason with every credential removed; the folder is then removed.
 */
export async function cloneSubmission(url: string, options: CloneOptions = {}): Promise<Clone> {
  validateGitUrl(url);
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // The process id in the name lets `dockgrade gc` remove the clones of a run that was killed.
  const parent = await mkdtemp(path.join(tmpdir(), `${CLONE_PREFIX}${process.pid}-`));
  const dir = path.join(parent, "repo");
  const remove = () => rm(parent, { recursive: true, force: true });
  const run = {
    env: cloneEnvironment(url, options),
    until: Date.now() + timeoutMs,
    watch: { dir: parent, maxBytes },
    signal: options.signal,
  };
  const git = (args: string[]) => runGit(args, { ...run, cwd: dir });
  try {
    // No network, or no such server: say so in seconds rather than wait for the system's timeout.
    await assertReachable(url, Math.min(10_000, timeoutMs));
    const args = ["clone", "--no-recurse-submodules", "--single-branch"];
    if (options.ref) args.push("--branch", options.ref);
    if (options.deadline) args.push("--no-checkout", "--filter=blob:none");
    else args.push("--depth", "1");
    await runGit([...args, "--", url, dir], { ...run, cwd: parent });
    let rev = "HEAD";
    if (options.deadline) {
      rev = await commitAtDeadline(git, options.deadline, options.ref);
      await git(["checkout", "--quiet", "--detach", rev, "--"]);
    }
    const { commit, commitDate } = await commitInfo(git, rev);
    if (shown !== url) await git(["remote", "set-url", "origin", shown]);
    return { dir, commit, commitDate, remove };
  } catch (error) {
    await remove();
    throw new SubmissionError(
      redactText(`cannot clone ${shown}: ${failureMessage(error, timeoutMs, maxBytes)}`, [
        options.token ?? "",
      ]),
    );
  }
}

function failureMessage(error: unknown, timeoutMs: number, maxBytes: number): string {
  if (!(error instanceof GitStop)) return (error as Error).message;
  switch (error.kind) {
    case "timeout":
      return `the clone took longer than ${round(timeoutMs / 1000)} s`;
    case "too-large":
      return `the repository is larger than ${round(maxBytes / 1024 / 1024)} MB`;
    case "aborted":
      return "the clone was cancelled";
    default:
      return cloneFailureReason(error.stderr);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The commit of a local folder, when it is a git work tree, and whether it has uncommitted changes. */
export async function localCommit(dir: string): Promise<{ commit?: string; dirty?: boolean }> {
  try {
    const git = simpleGit(dir);
    // One git process for both (each costs the harness a spawn): outside a work tree, or with no commit
    // yet, it fails, and the folder has no commit to record.
    const [top = "", commit = ""] = (await git.revparse(["--show-toplevel", "HEAD"])).trim().split("\n");
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return {};
    const status = await git.status(["--porcelain", "--", "."]);
    return { commit, dirty: top.length > 0 && !status.isClean() };
  } catch {
    return {};
  }
}
