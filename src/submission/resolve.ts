import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { SubmissionFiles } from "./files.js";
import { findReport } from "./find-report.js";
import { findDockerfileRoot } from "./find-root.js";
import { type CloneOptions, cloneSubmission, isGitUrl, localCommit, redactUrl } from "./git-source.js";
import { submissionError } from "./submission-error.js";
import type { Submission } from "./types.js";

export { countStepHeadings, findReport } from "./find-report.js";
export { findDockerfileRoot } from "./find-root.js";

export interface ResolvedSubmission {
  submission: Submission;
  files: SubmissionFiles;
  /** Removes what resolving created (a clone); a local folder is left untouched. */
  dispose(): Promise<void>;
}

export interface ResolveOptions {
  /** The submission root, relative to the repository, when it cannot be found automatically. */
  root?: string;
  /** Report file patterns, in order of preference (the rubric's `report.candidates`). */
  reportCandidates: string[];
  /** The pattern of a step heading (the rubric's `report.stepHeading`); default "Etape N". */
  stepHeading?: string;
  /** The Dockerfile, relative to the submission root (the rubric's `image.dockerfile`). */
  dockerfile?: string;
  ref?: string;
  /** How a git URL is cloned: deadline, token and the hosts it goes to, limits, cancellation. */
  clone?: Omit<CloneOptions, "ref">;
}

/** Finds a submission (local folder or git URL), its root (the Dockerfile's folder) and its lab report. */
export async function resolveSubmission(
  source: string,
  options: ResolveOptions,
): Promise<ResolvedSubmission> {
  let repoRoot: string;
  let commit: string | undefined;
  let commitDate: string | undefined;
  let dirty: boolean | undefined;
  let dispose = async () => {};
  if (isGitUrl(source)) {
    const clone = await cloneSubmission(source, { ...options.clone, ref: options.ref });
    repoRoot = await realpath(clone.dir);
    ({ commit, commitDate } = clone);
    dispose = clone.remove;
  } else {
    const info = await stat(source).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw submissionError({
        en: `${source}: not a folder (nor a git URL). Give the folder of the submission, or its git URL (https://… or git@…).`,
        fr: `${source} : ce n'est ni un dossier ni une URL git. Indiquez le dossier du rendu, ou son URL git (https://… ou git@…).`,
      });
    }
    repoRoot = await realpath(source);
    ({ commit, dirty } = await localCommit(repoRoot));
  }
  try {
    const repoFiles = new SubmissionFiles(repoRoot, repoRoot);
    const rootRel =
      options.root !== undefined
        ? await checkedRoot(repoFiles, options.root)
        : await findDockerfileRoot(repoFiles, options.dockerfile);
    const root = rootRel ? path.join(repoRoot, rootRel) : repoRoot;
    const files = new SubmissionFiles(repoRoot, root);
    const reportFile = await findReport(repoFiles, rootRel, options.reportCandidates, options.stepHeading);
    const submission: Submission = {
      source: isGitUrl(source) ? redactUrl(source) : source,
      repoRoot,
      root,
      rootRel,
      reportFile,
      commit,
      ...(commitDate ? { commitDate } : {}),
      dirty,
    };
    return { submission, files, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

const ROOT_REFUSALS = {
  absolute: { en: "it is an absolute path", fr: "c'est un chemin absolu" },
  outside: { en: "it leads out of the repository", fr: "il sort du dépôt" },
  "link-outside": { en: "it is a link out of the repository", fr: "c'est un lien vers l'extérieur du dépôt" },
  missing: { en: "there is no such folder", fr: "ce dossier n'existe pas" },
  "not-a-file": { en: "it is not a folder", fr: "ce n'est pas un dossier" },
  "too-large": { en: "it is not a folder", fr: "ce n'est pas un dossier" },
} as const;

async function checkedRoot(files: SubmissionFiles, root: string): Promise<string> {
  const located = await files.locate(root, { from: "repo" });
  if (!located.ok || located.kind !== "directory") {
    const why = ROOT_REFUSALS[located.ok ? "not-a-file" : located.reason];
    throw submissionError({
      en: `--root ${root}: ${why.en}. Give the folder of the lab inside the repository (the one holding its Dockerfile), for example --root tp1.`,
      fr: `--root ${root} : ${why.fr}. Indiquez le dossier du TP dans le dépôt (celui qui contient son Dockerfile), par exemple --root tp1.`,
    });
  }
  return located.rel;
}
