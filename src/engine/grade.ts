import type { BaseImage, DockerAvailability, DockerSession } from "../docker/session.js";
import type { GraderRegistry, GraderResult } from "../grader/contract.js";
import { renderBoth } from "../i18n/catalog.js";
import { type Lang, localize, type Trace } from "../i18n/text.js";
import { sanitizeDeep, sanitizeFileName } from "../report/sanitize.js";
import { type CheckResult, REPORT_SCHEMA_VERSION, type Report } from "../report/schema.js";
import type { Check, Rubric } from "../rubric/types.js";
import type { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import { type CheckConcurrency, defaultCheckConcurrency } from "./concurrency.js";
import { engineLostResult, engineWentAway } from "./engine-lost.js";
import { engineMessages } from "./messages.js";
import { orderChecks } from "./order.js";
import { checkMessage, renderResult } from "./render.js";
import { engineResult, runGrader } from "./run-check.js";
import { runScheduled, type Slot } from "./schedule.js";
import { checkScore, coherentStatus, sumScores } from "./score.js";

export interface GradeOptions {
  rubric: Rubric;
  registry: GraderRegistry;
  submission: Submission;
  files: SubmissionFiles;
  lang: Lang;
  toolVersion: string;
  docker: DockerAvailability;
  /** Opens the per-submission Docker session; called at most once, on the first check that needs Docker. */
  openDockerSession?: () => Promise<DockerSession>;
  /** Clock, injectable so tests and reports can be compared. */
  now?: () => Date;
  signal?: AbortSignal;
  log?: Trace;
  /** Called as each check finishes, for progress display. */
  onCheck?: (result: CheckResult) => void;
  /** Called as each check starts, with its title in the report's language. */
  onCheckStart?: (check: { id: string; title: string }) => void;
  /** Checks in flight at once, Docker and local apart; default: what the machine's cores can keep busy. */
  concurrency?: CheckConcurrency;
  /**
   * Held by each Docker check while it runs, on top of the per-submission cap: a class graded at once shares
   * one, so the engine is never asked for more containers than the machine can start.
   */
  dockerSlot?: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Grades one submission against a validated rubric. Never throws for a check's failure or crash. Checks
 * run as soon as what they need has finished, several at once (static checks while the image builds,
 * container checks side by side, each with its own container): the report keeps the rubric's order.
 */
export async function gradeSubmission(options: GradeOptions): Promise<Report> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const { rubric, registry, lang } = options;
  const log = options.log ?? (() => {});
  const allChecks = rubric.steps.flatMap((step) => step.checks);
  const results = new Map<string, CheckResult>();
  let session: Promise<DockerSession> | undefined;
  let opened: DockerSession | undefined;
  let baseImages: BaseImage[] = [];
  // Once the engine stops answering, no Docker check can run: each ends `error` saying so.
  let engineLost = false;

  const concurrency = options.concurrency ?? defaultCheckConcurrency();
  const needsDocker = (check: Check) => registry.get(check.grader)?.requires.includes("docker") === true;
  try {
    await runScheduled(
      orderChecks(allChecks),
      { pool: (check) => (needsDocker(check) ? "docker" : "local"), caps: { ...concurrency } },
      async (check, slot) => {
        const classSlot = options.dockerSlot;
        if (!needsDocker(check) || !classSlot) return gradeOne(check, slot);
        await withClassSlot(classSlot, slot, (held) => gradeOne(check, held));
      },
    );
  } finally {
    opened = await session?.catch(() => undefined);
    baseImages = (await opened?.baseImages?.().catch(() => [])) ?? [];
    await opened?.close();
  }

  const steps = rubric.steps.map((step) => {
    const checks = step.checks.map((check) => results.get(check.id) as CheckResult);
    return { id: step.id, title: localize(step.title, lang), ...sumScores(checks), checks };
  });
  const { submission } = options;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "dockgrade", version: options.toolVersion },
    lang,
    submission: {
      source: sanitizeFileName(submission.source),
      path: sanitizeFileName(submission.rootRel),
      ...(submission.reportFile ? { reportFile: sanitizeFileName(submission.reportFile) } : {}),
      ...(submission.commit ? { commit: submission.commit } : {}),
      ...(submission.commitDate ? { commitDate: submission.commitDate } : {}),
      ...(submission.dirty !== undefined ? { dirty: submission.dirty } : {}),
    },
    rubric: {
      id: rubric.assignment.id,
      title: localize(rubric.assignment.title, lang),
      digest: rubric.digest,
    },
    environment: {
      docker: options.docker.available
        ? { available: true, version: options.docker.version }
        : { available: false, reason: options.docker.reason },
      ...(opened?.buildSandbox ? { build: opened.buildSandbox } : {}),
      ...(baseImages.length > 0 ? { baseImages } : {}),
    },
    ...sumScores(steps),
    startedAt: startedAt.toISOString(),
    durationMs: Math.max(0, now().getTime() - startedAt.getTime()),
    steps,
  };

  /** Runs one check (or says why it cannot run) and records its result. */
  async function gradeOne(check: Check, slot: Slot): Promise<void> {
    const started = now().getTime();
    const grader = registry.get(check.grader);
    const outcome = renderResult(grader, await decide(check, slot), lang);
    const { findings } = outcome;
    const status = coherentStatus(outcome.status, outcome.credit);
    const result: CheckResult = {
      id: check.id,
      grader: check.grader,
      ...(check.title ? { title: localize(check.title, lang) } : {}),
      status,
      score: checkScore(status, outcome.credit, check.points),
      maxScore: check.points,
      message: checkMessage(findings, lang),
      visibility: check.visibility,
      ...(check.feedback && status !== "pass" ? { feedback: localize(check.feedback, lang) } : {}),
      durationMs: Math.max(0, now().getTime() - started),
      findings,
      ...(outcome.details ? { details: sanitizeDeep(outcome.details) } : {}),
    };
    results.set(check.id, result);
    options.onCheck?.(result);
  }

  /** Runs the check's grader, or says why it cannot run. */
  async function decide(check: Check, slot: Slot): Promise<GraderResult> {
    const unmet = check.needs
      .map((need) => results.get(need))
      .filter(
        (need): need is CheckResult =>
          need !== undefined && need.status !== "pass" && need.status !== "partial",
      );
    if (unmet.length > 0) {
      return engineResult("skipped", "needsNotMet", {
        needs: checkNames(unmet, lang),
        // The ids let `render --lang` name the same checks in another language.
        needIds: unmet.map((need) => need.id).join(","),
      });
    }
    const grader = registry.get(check.grader);
    if (!grader) throw new Error(`grader "${check.grader}" vanished from the registry after validation`);
    const needsDocker = grader.requires.includes("docker");
    if (needsDocker && engineLost) return engineLostResult();
    let docker: DockerSession | undefined;
    if (needsDocker) {
      if (!options.docker.available || !options.openDockerSession) {
        const reason = options.docker.available ? "no session factory" : options.docker.reason;
        return engineResult("skipped", "noDocker", { reason });
      }
      session ??= options.openDockerSession();
      try {
        docker = await session;
      } catch (error) {
        return engineResult("error", "sessionFailed", { cause: (error as Error).message });
      }
    }
    const { timeouts } = rubric.assignment;
    const seconds =
      check.timeout ?? (needsDocker ? timeouts.build + timeouts.start + timeouts.check : timeouts.check);
    const titleIn = (reader: Lang) => (check.title ? localize(check.title, reader) : check.id);
    log(renderBoth(engineMessages, "checkStarted", { title: { fr: titleIn("fr"), en: titleIn("en") } }));
    options.onCheckStart?.({ id: check.id, title: check.title ? localize(check.title, lang) : check.id });
    const result = await runGrader(
      grader,
      check.params,
      {
        lang,
        submission: options.submission,
        files: options.files,
        assignment: rubric.assignment,
        check: { id: check.id, points: check.points, timeoutMs: seconds * 1000 },
        docker,
        log,
        idle: slot.idle,
      },
      options.signal,
    );
    if (docker && (await engineWentAway(docker, result))) {
      engineLost = true;
      return engineLostResult();
    }
    return result;
  }
}

/**
 * Runs a Docker check of a class under one of the class's Docker slots (`take`) on top of its submission's
 * (`slot`). A check that idles (waits for work another check does for both) gives both up, and takes them
 * back in the order every check takes them: its submission's first, then the class's. Holding the class's
 * slot while waiting for its submission's would close a circle: that slot held by checks of the same
 * submission waiting for the class's, held by checks elsewhere waiting the same way (seen: two checks of a
 * class of 12 ran into their deadline, and the whole class waited 6 minutes).
 */
export async function withClassSlot(
  take: <T>(work: () => Promise<T>) => Promise<T>,
  slot: Slot,
  run: (slot: Slot) => Promise<void>,
): Promise<void> {
  const acquire = () =>
    new Promise<() => void>((held) => {
      void take(() => new Promise<void>((release) => held(release)));
    });
  let release = await acquire();
  const held: Slot = {
    async idle(waiting, idleOptions = {}) {
      release();
      release = () => {};
      try {
        return await slot.idle(waiting, idleOptions);
      } finally {
        if (idleOptions.back !== false) release = await acquire();
      }
    },
  };
  try {
    await run(held);
  } finally {
    release();
  }
}

/**
 * The checks a skipped check waits for, as students read them: their titles in the report's language
 * (quoted, joined with "and"), never their ids or statuses (an untitled check is "an earlier check").
 */
export function checkNames(checks: ReadonlyArray<{ title?: string }>, lang: Lang): string {
  const quote = (title: string) => (lang === "fr" ? `« ${title} »` : `"${title}"`);
  const names = checks.map((check) => (check.title ? quote(check.title) : untitled[lang]));
  const and = lang === "fr" ? " et " : " and ";
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")}${and}${names.at(-1)}`;
}

const untitled = { fr: "une vérification précédente", en: "an earlier check" } as const;
