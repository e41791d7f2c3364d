import { submissionError } from "./submission-error.js";

/** Runs git in the clone and returns its output. */
export type GitIn = (args: string[]) => Promise<string>;

/**
 * git's `--before` argument for a deadline: whole seconds since the epoch (`@1709373600`), so no time zone
 * or date format is left to git's guessing. A commit at the deadline's very second counts as on time.
 */
export function beforeArgument(deadline: Date): string {
  const ms = deadline.getTime();
  if (!Number.isFinite(ms))
    throw submissionError({
      en: "the deadline is not a valid date",
      fr: "l'échéance n'est pas une date valide",
    });
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
  const at = deadline.toISOString();
  const first = dates.at(-1);
  throw submissionError({
    en: `no commit before the deadline ${at} ${branch ? `on branch ${branch}` : "on the default branch"}: its first commit is from ${first}`,
    fr: `aucun commit avant l'échéance ${at} ${branch ? `sur la branche ${branch}` : "sur la branche par défaut"} : son premier commit date du ${first}`,
  });
}

/** A commit's id and committer date (ISO 8601, with the committer's offset). */
export async function commitInfo(git: GitIn, rev: string): Promise<{ commit: string; commitDate: string }> {
  const [commit = "", commitDate = ""] = (await git(["log", "-1", "--format=%H%n%cI", rev, "--"]))
    .trim()
    .split("\n");
  return { commit, commitDate };
}
