import type { DockerBackend } from "../docker/backend.js";
import type { BuildProgress, DockerAvailability, DockerSession } from "../docker/session.js";
import type { GraderRegistry } from "../grader/contract.js";
import type { Lang, Trace } from "../i18n/text.js";
import { toolVersion } from "../package-info.js";
import type { Report } from "../report/schema.js";
import { type Rubric, submissionLayout } from "../rubric/types.js";
import { type ResolvedSubmission, resolveSubmission } from "../submission/resolve.js";
import { type GradeOptions, gradeSubmission } from "./grade.js";

export interface GradeSourceOptions {
  rubric: Rubric;
  lang: Lang;
  docker: DockerBackend;
  /** The engine's availability, when already probed (a class shares one probe). */
  availability?: DockerAvailability;
  root?: string;
  /** The graders the rubric's checks name: the CLI passes the bundled registry (graders/index.ts). */
  registry: GraderRegistry;
  signal?: AbortSignal;
  log?: Trace;
  /** Told as each build step starts and prints, for a progress display. */
  onBuildProgress?: (event: BuildProgress) => void;
  /** Opens the Docker session instead of `docker.open` (the watch loop keeps one session between runs). */
  openSession?: () => Promise<DockerSession>;
  /** The submission's content digest (with its root): sessions with the same one share the image build. */
  buildKey?: string;
}

/**
 * Grades one submission named by a folder or a git URL: resolve (clone), grade, clean up. Holds no state
 * between calls, so many can run at once. A submission that cannot be read throws SubmissionError.
 */
export async function gradeSource(
  source: string,
  options: GradeSourceOptions & Pick<GradeOptions, "onCheck" | "onCheckStart">,
): Promise<Report> {
  const resolved = await resolveSubmission(source, {
    root: options.root,
    ...submissionLayout(options.rubric.assignment),
  });
  try {
    return await gradeResolved(resolved, options);
  } finally {
    await resolved.dispose();
  }
}

/** Grades a submission already located on disk (the batch resolves first, to key its cache on the content). */
export async function gradeResolved(
  resolved: Pick<ResolvedSubmission, "submission" | "files">,
  options: GradeSourceOptions & Pick<GradeOptions, "onCheck" | "onCheckStart" | "dockerSlot" | "concurrency">,
): Promise<Report> {
  const { rubric } = options;
  const log = options.log ?? (() => {});
  const { submission, files } = resolved;
  return gradeSubmission({
    rubric,
    registry: options.registry,
    submission,
    files,
    lang: options.lang,
    toolVersion: toolVersion(),
    docker: options.availability ?? (await options.docker.probe()),
    openDockerSession:
      options.openSession ??
      (() =>
        options.docker.open({
          submission,
          files,
          rubric,
          signal: options.signal,
          log,
          onBuildProgress: options.onBuildProgress,
          ...(options.buildKey ? { shareBuild: options.buildKey } : {}),
        })),
    signal: options.signal,
    log,
    onCheck: options.onCheck,
    onCheckStart: options.onCheckStart,
    dockerSlot: options.dockerSlot,
    concurrency: options.concurrency,
  });
}
