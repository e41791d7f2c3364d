import path from "node:path";
import { renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import type { Report } from "../report/schema.js";
import { gradingBlockers } from "./grading-blockers.js";
import { formatPoints, labelled, reportWords, statusLabel } from "./labels.js";
import { quoteUntrusted, workflowCommand } from "./workflow-commands.js";

export interface GithubLogOptions {
  /** Random token for `::stop-commands::`, unknown to the student (`newStopToken()`). */
  stopToken: string;
  /** The submission folder relative to the repository checkout (`""` for the root), for annotation paths. */
  pathPrefix?: string;
}

/**
 * The GitHub Actions job log for one report: every check with its points and feedback (student text
 * quoted so it cannot run workflow commands), one error annotation per located problem, the total, and the
 * two notices GitHub Classroom records the grade from. A report that could not grade gets error
 * annotations with the reason instead of notices, so no grade is recorded.
 */
export function renderGithubLog(report: Report, options: GithubLogOptions): string {
  const lang = report.lang;
  const blockers = gradingBlockers(report);
  const out: string[] = [`::add-mask::${options.stopToken}`];
  out.push(quoteUntrusted(checkTable(report), options.stopToken).trimEnd());
  out.push(...annotations(report, options.pathPrefix ?? ""));
  const total = `${formatPoints(report.score)}/${formatPoints(report.maxScore)}`;
  if (blockers.length === 0) {
    out.push(`${labelled(reportWords.total, lang)} ${total}`);
    out.push(words.seeSummary[lang]);
    out.push(classroomNotices(report.score, report.maxScore).join("\n"));
  } else {
    for (const reason of blockers)
      out.push(workflowCommand("error", { title: words.notGraded[lang] }, reason));
    out.push(renderMessage(words, "noGrade", lang, { total }));
    out.push(words.seeSummary[lang]);
  }
  return `${out.join("\n")}\n`;
}

/** The notices GitHub Classroom reads (the same ones its autograding reporter prints). */
export function classroomNotices(score: number, maxScore: number): string[] {
  return [
    workflowCommand("notice", { title: "Autograding complete" }, `Points ${score}/${maxScore}`),
    workflowCommand(
      "notice",
      { title: "Autograding report" },
      JSON.stringify({ totalPoints: score, maxPoints: maxScore }),
    ),
  ];
}

/** Every check of every step, with status, points, message and feedback; hidden checks only count. */
function checkTable(report: Report): string {
  const lang = report.lang;
  const lines = [
    `dockgrade — ${report.rubric.title} — ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`,
  ];
  for (const step of report.steps) {
    lines.push("", `${step.title} — ${formatPoints(step.score)}/${formatPoints(step.maxScore)}`);
    for (const check of step.checks) {
      const hidden = check.visibility === "hidden";
      const points = `${formatPoints(check.score)}/${formatPoints(check.maxScore)}`;
      const title = hidden ? words.hidden[lang] : (check.title ?? check.id);
      lines.push(`  ${statusLabel[check.status][lang].padEnd(8)} ${points.padStart(9)}  ${title}`);
      if (hidden) continue;
      for (const line of check.message.split("\n")) lines.push(`${" ".repeat(22)}${line}`);
      if (check.feedback)
        lines.push(`${" ".repeat(22)}${labelled(reportWords.hint, lang)} ${check.feedback}`);
    }
  }
  lines.push(
    "",
    `${labelled(reportWords.total, lang)} ${formatPoints(report.score)}/${formatPoints(report.maxScore)}`,
  );
  return lines.join("\n");
}

/** One `::error file=…,line=…::` per problem a visible, not passed check located in a file. */
function annotations(report: Report, pathPrefix: string): string[] {
  const out: string[] = [];
  for (const step of report.steps)
    for (const check of step.checks) {
      if (check.visibility === "hidden" || check.status === "pass") continue;
      for (const finding of check.findings) {
        if (finding.severity !== "problem" || !finding.file) continue;
        const file = path.posix.join(pathPrefix.split(path.sep).join("/") || ".", finding.file);
        const title = `${check.title ?? check.id}${finding.code ? ` (${finding.code})` : ""}`;
        out.push(workflowCommand("error", { file, line: finding.line, title }, finding.message));
      }
    }
  return out;
}

const words = {
  hidden: { en: "hidden check", fr: "vérification cachée" },
  seeSummary: {
    en: "The full report, with every message and hint, is on this run's Summary page (job summary).",
    fr: "Le rapport complet, avec chaque message et conseil, est sur la page « Summary » de cette exécution (résumé du job).",
  },
  notGraded: { en: "Not graded", fr: "Non noté" },
  noGrade: {
    en: "No grade was recorded: this run could not grade the submission (the checks above add up to {total}, which is not a grade).",
    fr: "Aucune note n'a été enregistrée : cette exécution n'a pas pu noter le rendu (les vérifications ci-dessus totalisent {total}, ce qui n'est pas une note).",
  },
} satisfies Record<string, Record<Lang, string>>;
