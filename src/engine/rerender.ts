import type { GraderRegistry } from "../grader/contract.js";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import { type Lang, localize } from "../i18n/text.js";
import type { CheckResult, Report, ReportFinding } from "../report/schema.js";
import type { Check, Rubric } from "../rubric/types.js";
import { checkNames } from "./grade.js";
import { engineMessages } from "./messages.js";
import { checkMessage } from "./render.js";
import { batchNoteMessages, isSimilar } from "./report-notes.js";

export type RerenderResult = { ok: true; report: Report } | { ok: false; problems: string[] };

/**
 * The report in another language, without grading again. Findings keep their message id and data, so
 * each is worded again from its grader's catalog (`engine.` ids from the engine's, `batch.` notes from
 * the batch's) and each check's message is rebuilt from them as grading builds it. Titles and feedback
 * come from the rubric the report was graded with, which must be the one given (same id and digest).
 * Every problem is returned at once; the report is never half translated.
 */
export function rerenderReport(
  report: Report,
  options: { lang: Lang; rubric: Rubric; registry: GraderRegistry },
): RerenderResult {
  const { lang, rubric, registry } = options;
  const problems: string[] = [];
  if (report.rubric.id !== rubric.assignment.id || report.rubric.digest !== rubric.digest)
    return { ok: false, problems: [rubricMismatch(report, rubric)] };
  const rubricChecks = new Map(rubric.steps.flatMap((step) => step.checks).map((c) => [c.id, c]));
  const rubricSteps = new Map(rubric.steps.map((step) => [step.id, step]));

  const steps = report.steps.map((step) => ({
    ...step,
    title: localize(rubricSteps.get(step.id)?.title ?? step.title, lang),
    checks: step.checks.map((check) => rerenderCheck(check, rubricChecks.get(check.id))),
  }));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    report: {
      ...report,
      lang,
      rubric: { ...report.rubric, title: localize(rubric.assignment.title, lang) },
      steps,
    },
  };

  function rerenderCheck(check: CheckResult, spec: Check | undefined): CheckResult {
    const findings = check.findings.map((finding) => reword(check, finding));
    const notes = findings.filter(isSimilar);
    const judged = findings.filter((finding) => !isSimilar(finding));
    const { title: _title, feedback: _feedback, ...rest } = check;
    return {
      ...rest,
      ...(spec?.title ? { title: localize(spec.title, lang) } : {}),
      message: [checkMessage(judged, lang), ...notes.map((note) => note.message)].join("\n"),
      ...(check.feedback && spec?.feedback ? { feedback: localize(spec.feedback, lang) } : {}),
      findings,
    };
  }

  function reword(check: CheckResult, finding: ReportFinding): ReportFinding {
    const [catalog, id] = catalogOf(check.grader, finding.messageId);
    if (!catalog?.[id]) {
      problems.push(`${check.id}: the ${check.grader} grader has no message "${finding.messageId}"`);
      return finding;
    }
    const data = dataIn(finding);
    return { ...finding, ...(data ? { data } : {}), message: renderMessage(catalog, id, lang, data) };
  }

  /** A finding's data, with the names of checks it cites (their titles) taken in the new language. */
  function dataIn(finding: ReportFinding): ReportFinding["data"] {
    const ids = finding.data?.needIds;
    if (finding.messageId !== "engine.needsNotMet" || typeof ids !== "string") return finding.data;
    const cited = ids.split(",").map((id) => {
      const title = rubricChecks.get(id)?.title;
      return title ? { title: localize(title, lang) } : {};
    });
    return { ...finding.data, needs: checkNames(cited, lang) };
  }

  function catalogOf(grader: string, messageId: string): [MessageCatalog | undefined, string] {
    const dot = messageId.indexOf(".");
    const prefix = dot > 0 ? messageId.slice(0, dot) : "";
    if (prefix === "engine") return [engineMessages, messageId.slice(dot + 1)];
    if (prefix === "batch") return [batchNoteMessages, messageId.slice(dot + 1)];
    return [registry.get(grader)?.messages, messageId];
  }
}

function rubricMismatch(report: Report, rubric: Rubric): string {
  const theirs = `${report.rubric.id} (digest ${report.rubric.digest.slice(0, 12)})`;
  const ours = `${rubric.assignment.id} (digest ${rubric.digest.slice(0, 12)}) in ${rubric.dir}`;
  return `the report was graded with rubric ${theirs}, not with ${ours}: its titles and feedback cannot be translated; give the rubric it was graded with (--rubric DIR)`;
}
