/** One student's work, located on disk. All paths are absolute and real (links resolved). */
export interface Submission {
  /** What the user named: a folder path or a git URL (credentials removed). */
  source: string;
  /** The repository (or plain folder) the submission lives in. Nothing is read outside it. */
  repoRoot: string;
  /** The folder holding the Dockerfile: the build context. Equal to repoRoot or below it. */
  root: string;
  /** `root` relative to `repoRoot`, with `/` separators; "" when they are the same. */
  rootRel: string;
  /** The lab report (README.md or what the rubric's candidates find), relative to repoRoot. */
  reportFile?: string;
  /** The commit graded, when the submission is a git repository. */
  commit?: string;
  /** Committer date of `commit` (ISO 8601), when the submission was cloned. */
  commitDate?: string;
  /** True when a local git repository has uncommitted changes (the commit alone does not identify it). */
  dirty?: boolean;
}
