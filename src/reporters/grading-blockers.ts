import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";

/**
 * Why a report must not become a recorded grade: the run could not grade (no Docker engine, checks the
 * harness could not run). A failed or skipped check because of the student's work is a grade; a check the
 * harness could not run is not. Empty when the score can be recorded. Reasons are in the report's language
 * and say what was expected, what happened and what to do.
 */
export function gradingBlockers(report: Report): string[] {
  const lang = report.lang;
  const reasons: string[] = [];
  if (!report.environment.docker.available) {
    const why = report.environment.docker.reason ? ` (${report.environment.docker.reason})` : "";
    reasons.push(renderMessage(words, "noDocker", lang, { why }));
  }
  const errored = report.steps.flatMap((step) =>
    step.checks
      .filter((check) => check.status === "error")
      .map((check) =>
        check.visibility === "hidden" ? words.hiddenCheck[lang] : `« ${check.title ?? check.id} »`,
      ),
  );
  if (errored.length > 0)
    reasons.push(renderMessage(words, "harnessError", lang, { checks: errored.join(", ") }));
  return reasons;
}

/** The reason for a run that stopped before any report existed (unusable rubric, internal error). */
export function stoppedReason(lang: Lang, kind: "usage" | "internal", detail: string): string {
  return renderMessage(words, kind, lang, { detail });
}

const words = {
  noDocker: {
    en: "Docker was not available on the runner{why}, so the build, run and volume checks could not run. Expected: a runner with a Docker engine. Fix: keep `runs-on: ubuntu-latest` (or a self-hosted runner with Docker) in the workflow, then re-run the job.",
    fr: "Docker n'était pas disponible sur la machine d'exécution{why} : les vérifications de construction, d'exécution et de volume n'ont pas pu tourner. Attendu : une machine avec un moteur Docker. Correction : gardez `runs-on: ubuntu-latest` (ou une machine auto-hébergée avec Docker) dans le workflow, puis relancez le job.",
  },
  harnessError: {
    en: "The grader could not run these checks (a problem on the grading side, not in your work): {checks}. Re-run the job; if it happens again, tell your instructor.",
    fr: "Le correcteur n'a pas pu exécuter ces vérifications (un problème côté correction, pas dans votre travail) : {checks}. Relancez le job ; si cela se reproduit, prévenez votre enseignant.",
  },
  hiddenCheck: { en: "a hidden check", fr: "une vérification cachée" },
  usage: {
    en: "The grader could not start: {detail}. Nothing was graded. Fix the workflow or the rubric it names, then re-run the job.",
    fr: "Le correcteur n'a pas pu démarrer : {detail}. Rien n'a été noté. Corrigez le workflow ou le barème qu'il indique, puis relancez le job.",
  },
  internal: {
    en: "The grader stopped on an internal error (a bug in dockgrade, not in your work): {detail}. Nothing was graded. Re-run the job; if it happens again, tell your instructor.",
    fr: "Le correcteur s'est arrêté sur une erreur interne (un défaut de dockgrade, pas de votre travail) : {detail}. Rien n'a été noté. Relancez le job ; si cela se reproduit, prévenez votre enseignant.",
  },
} satisfies MessageCatalog;
