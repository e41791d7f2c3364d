import { lstat, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";
import type { Bilingual } from "../i18n/text.js";
import { CLONE_PREFIX } from "./clone-dir.js";
import { cloneEnvironment, type TokenOptions } from "./clone-environment.js";
import { commitAtDeadline, commitInfo } from "./deadline.js";
import { cloneFailureReason } from "./git-failure.js";
import { GitStop, runGit } from "./git-process.js";
import { redactText, redactUrl, validateGitUrl } from "./git-url.js";
import { assertReachable } from "./reachable.js";
import { SubmissionError, submissionError } from "./submission-error.js";

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
    const reason = failureReason(error, timeoutMs, maxBytes);
    const secrets = [options.token ?? ""];
    throw submissionError({
      en: redactText(`cannot clone ${shown}: ${reason.en}`, secrets),
      fr: redactText(`impossible de cloner ${shown} : ${reason.fr}`, secrets),
    });
  }
}

function failureReason(error: unknown, timeoutMs: number, maxBytes: number): Bilingual {
  if (error instanceof SubmissionError) return { en: error.text("en"), fr: error.text("fr") };
  if (!(error instanceof GitStop)) {
    const message = (error as Error).message;
    return { en: message, fr: message };
  }
  switch (error.kind) {
    case "timeout": {
      const seconds = round(timeoutMs / 1000);
      return { en: `the clone took longer than ${seconds} s`, fr: `le clonage a pris plus de ${seconds} s` };
    }
    case "too-large": {
      const mb = round(maxBytes / 1024 / 1024);
      return { en: `the repository is larger than ${mb} MB`, fr: `le dépôt dépasse ${mb} Mo` };
    }
    case "aborted":
      return { en: "the clone was cancelled", fr: "le clonage a été annulé" };
    default:
      return cloneFailureReason(error.stderr);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The commit of a local folder, when it is a git work tree, and whether it has uncommitted changes. A
 * folder with no `.git` in it or above it (and no GIT_DIR) is no work tree: git is not run (a class of
 * plain folders spawns no process); otherwise two git commands answer.
 */
export async function localCommit(dir: string): Promise<{ commit?: string; dirty?: boolean }> {
  if (!(await mayBeInGitRepo(dir))) return {};
  try {
    const git = simpleGit(dir);
    // Fails outside a work tree (a bare repository, inside .git) and before the first commit.
    const [inside, top, commit] = (await git.revparse(["--is-inside-work-tree", "--show-toplevel", "HEAD"]))
      .split("\n")
      .map((line) => line.trim());
    if (inside !== "true" || !top || !commit) return {};
    const status = await git.status(["--porcelain", "--", "."]);
    return { commit, dirty: !status.isClean() };
  } catch {
    return {};
  }
}

/**
 * False only when git cannot take the folder for part of a repository: no `.git` (folder or file) in it
 * or in any folder above it, and no GIT_DIR / GIT_WORK_TREE in the environment.
 */
export async function mayBeInGitRepo(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.GIT_DIR || env.GIT_WORK_TREE) return true;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (
      await lstat(path.join(current, ".git")).then(
        () => true,
        () => false,
      )
    )
      return true;
    if (path.dirname(current) === current) return false;
  }
}
