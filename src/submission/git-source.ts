import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleGit } from "simple-git";

/** Anything git can clone that is not a plain local folder. */
export function isGitUrl(source: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(source) || /^[\w.-]+@[\w.-]+:/.test(source);
}

export interface Clone {
  dir: string;
  commit: string;
  remove(): Promise<void>;
}

/**
 * Clones a submission shallowly into a fresh temporary folder. Submodules and LFS smudging are off, and git
 * never copies a repository's hooks on clone: cloning a hostile repository runs none of its code.
 */
export async function cloneSubmission(
  url: string,
  options: { ref?: string; timeoutMs?: number } = {},
): Promise<Clone> {
  const parent = await mkdtemp(path.join(tmpdir(), "dockgrade-clone-"));
  const dir = path.join(parent, "repo");
  const git = simpleGit({
    timeout: { block: options.timeoutMs ?? 120_000 },
    allowEnvironment: ["GIT_TERMINAL_PROMPT", "GIT_LFS_SKIP_SMUDGE", "GIT_SSL_CAINFO"],
  }).env(cloneEnvironment());
  const args = ["--depth", "1", "--no-recurse-submodules"];
  if (options.ref) args.push("--branch", options.ref);
  try {
    await git.clone(url, dir, args);
    const commit = (await simpleGit(dir).revparse(["HEAD"])).trim();
    return { dir, commit, remove: () => rm(parent, { recursive: true, force: true }) };
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw new SubmissionError(`cannot clone ${url}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** A submission that cannot be located or read at all (as opposed to one that fails checks). */
export class SubmissionError extends Error {
  override name = "SubmissionError";
}

/** The commit of a local folder, when it is a git work tree, and whether it has uncommitted changes. */
export async function localCommit(dir: string): Promise<{ commit?: string; dirty?: boolean }> {
  try {
    const git = simpleGit(dir);
    if (!(await git.checkIsRepo())) return {};
    const top = (await git.revparse(["--show-toplevel"])).trim();
    const commit = (await git.revparse(["HEAD"])).trim();
    const status = await git.status(["--porcelain", "--", "."]);
    return { commit, dirty: top.length > 0 && !status.isClean() };
  } catch {
    return {};
  }
}

/**
 * The environment git runs with: only what cloning needs (paths, credentials agents, proxies, CA files).
 * Variables such as EDITOR or GIT_SSH_COMMAND from the caller's shell are not passed on.
 */
function cloneEnvironment(): Record<string, string> {
  const keep = [
    "PATH",
    "HOME",
    "SSH_AUTH_SOCK",
    "GIT_SSL_CAINFO",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "https_proxy",
    "http_proxy",
    "no_proxy",
  ];
  const env: Record<string, string> = { GIT_TERMINAL_PROMPT: "0", GIT_LFS_SKIP_SMUDGE: "1" };
  for (const key of keep) {
    const value = process.env[key];
    if (value) env[key] = value;
  }
  return env;
}
