import { SubmissionError } from "./submission-error.js";

/** Runs git in the clone and returns its output. */
export type GitIn = (args: string[]) => Promise<string>;

/**
 * git's `--before` argument for a deadline: whole seconds since the epoch (`@1709373600`), so no time zone
 * or date format is left to git's guessing. A commit at the deadline's very second counts as on time.
 */
export function beforeArgument(deadline: Date): string {
  const ms = deadline.getTime();
  if (!Number.isFinite(ms)) throw new SubmissionError("the deadline is not a valid date");
  return `--before=@${Math.floor(ms / 1000)}`;
}

/**
 * The commit graded for a deadline: the last commit on the checked-out branch's first-parent history
 * (merged branches are not walked) whose committer date is at or before the deadline.
 */
export async function commitAtDeadline(git: GitIn, deadline: Date, branch?: string): Promise<string> {
  const found = (
    await git(["rev-list", "-1", "--first-parent", beforeArgument(deadline), "HEAD", "--"])
  ).trim();
  if (found) return found;
  const dates = (await git(["log", "--first-parent", "--format=%cI", "HEAD", "--"])).trim().split("\n");
  const where = branch ? `on branch ${branch}` : "on the default branch";
  throw new SubmissionError(
    `no commit before the deadline ${deadline.toISOString()} ${where}: its first commit is from ${dates.at(-1)}`,
  );
}

/** A commit's id and committer date (ISO 8601, with the committer's offset). */
export async function commitInfo(git: GitIn, rev: string): Promise<{ commit: string; commitDate: string }> {
  const [commit = "", commitDate = ""] = (await git(["log", "-1", "--format=%H%n%cI", rev, "--"]))
    .trim()
    .split("\n");
  return { commit, commitDate };
}
