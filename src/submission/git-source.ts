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
 * Clones a submission shallowly into a fresh temporary folder. Hooks, submodules and LFS smudging are off:
 * cloning a hostile repository must run none of its code.
 */
export async function cloneSubmission(
  url: string,
  options: { ref?: string; timeoutMs?: number } = {},
): Promise<Clone> {
  const parent = await mkdtemp(path.join(tmpdir(), "dockgrade-clone-"));
  const dir = path.join(parent, "repo");
  const git = simpleGit({ timeout: { block: options.timeoutMs ?? 120_000 } }).env({
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_LFS_SKIP_SMUDGE: "1",
  });
  const args = [
    "--depth",
    "1",
    "--no-recurse-submodules",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.symlinks=true",
  ];
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
