import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { DEFAULT_DOCKERFILE, DEFAULT_STEP_HEADING } from "../rubric/types.js";
import { matchesPattern } from "../text/pattern.js";
import { SubmissionFiles } from "./files.js";
import {
  type CloneOptions,
  cloneSubmission,
  isGitUrl,
  localCommit,
  redactUrl,
  SubmissionError,
} from "./git-source.js";
import type { Submission } from "./types.js";

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
    if (!info?.isDirectory()) throw new SubmissionError(`${source}: not a folder (nor a git URL)`);
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

async function checkedRoot(files: SubmissionFiles, root: string): Promise<string> {
  const located = await files.locate(root, { from: "repo" });
  if (!located.ok || located.kind !== "directory") {
    throw new SubmissionError(
      `--root ${root}: not a folder inside the repository (${located.ok ? "not a folder" : located.reason})`,
    );
  }
  return located.rel;
}

/**
 * The submission root, where the Dockerfile (`dockerfile`, relative to the root) is: the repository itself,
 * or the shallowest sub-folder with one (a repository that keeps several labs in `tp1/`, `tp2/`...).
 * Without any Dockerfile, the repository root.
 */
export async function findDockerfileRoot(
  files: SubmissionFiles,
  dockerfile = DEFAULT_DOCKERFILE,
): Promise<string> {
  const listed = await files.list("", { from: "repo", depth: 3 + dockerfile.split("/").length - 1 });
  const dockerfiles = listed
    .filter((f) => f.kind === "file" && (f.rel === dockerfile || f.rel.endsWith(`/${dockerfile}`)))
    .map((f) => f.rel.slice(0, f.rel.length - dockerfile.length).replace(/\/$/, ""));
  if (dockerfiles.includes("")) return "";
  dockerfiles.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  return dockerfiles[0] ?? "";
}

const HEADING = /^#{1,6}[ \t]*(.*)$/gm;

/** How many ATX headings of a Markdown text match the step heading pattern (a rubric pattern). */
export function countStepHeadings(markdown: string, stepHeading: string): number {
  let count = 0;
  for (const match of markdown.matchAll(HEADING)) if (matchesPattern(stepHeading, match[1] ?? "")) count++;
  return count;
}

/**
 * The lab report: among the Markdown files the candidate patterns match (from the submission root, then
 * the repository root), the one with the most step headings ("Etape N" unless the rubric's
 * `report.stepHeading` says otherwise); ties go to the earlier pattern.
 */
export async function findReport(
  files: SubmissionFiles,
  rootRel: string,
  candidates: string[],
  stepHeading = DEFAULT_STEP_HEADING,
): Promise<string | undefined> {
  const markdown = (await files.list("", { from: "repo", depth: 4 })).filter(
    (f) => f.kind === "file" && f.rel.toLowerCase().endsWith(".md") && f.size <= 2 * 1024 * 1024,
  );
  const bases = rootRel ? [rootRel, ""] : [""];
  const ranked: Array<{ rel: string; order: number; steps: number }> = [];
  let order = 0;
  for (const base of bases) {
    for (const pattern of candidates) {
      const matches = picomatch(pattern, { nocase: false, dot: false });
      for (const file of markdown) {
        const inside = base
          ? file.rel.startsWith(`${base}/`)
            ? file.rel.slice(base.length + 1)
            : undefined
          : file.rel;
        if (inside === undefined || !matches(inside) || ranked.some((r) => r.rel === file.rel)) continue;
        const text = await files.readText(file.rel, { from: "repo", maxBytes: 2 * 1024 * 1024 });
        const steps = text.ok ? countStepHeadings(text.text, stepHeading) : 0;
        ranked.push({ rel: file.rel, order: order++, steps });
      }
    }
  }
  ranked.sort((a, b) => b.steps - a.steps || a.order - b.order);
  return ranked[0]?.rel;
}
