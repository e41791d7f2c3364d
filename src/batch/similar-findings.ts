import { checkMessage } from "../engine/render.js";
import { batchNoteMessages, isSimilar } from "../engine/report-notes.js";
import { renderMessage } from "../i18n/catalog.js";
import type { CheckResult, Report, ReportFinding } from "../report/schema.js";
import type { SimilarityPair } from "./types.js";

const EXCERPT = 240;

/**
 * The report with a `similar` finding on its quiz check for each near-identical lab report (another
 * student's, or a published one): the passage shown, the score untouched. Earlier `similar` findings are
 * replaced, so the class can be finalised again and again with the same result. Returns the report itself
 * when there is nothing to change.
 */
export function withSimilarFindings(report: Report, owner: string, pairs: SimilarityPair[]): Report {
  const mine = pairs.filter((p) => p.kind === "readme" && (p.a === owner || p.b === owner));
  const hadAny = report.steps.some((s) => s.checks.some((c) => c.findings.some(isSimilar)));
  const target = report.steps.flatMap((s) => s.checks).find((c) => c.grader === "quiz");
  if ((mine.length === 0 && !hadAny) || !target) return report;
  const lang = report.lang;
  const added: ReportFinding[] = mine.map((pair) => {
    const other = pair.a === owner ? pair.b : pair.a;
    const passage = pair.passages[0];
    const text = passage ? (pair.a === owner ? passage.a : passage.b) : "";
    const data = {
      other: other.replace(/^reference:/, ""),
      percent: Math.round(pair.score * 100),
      excerpt: excerpt(text),
    };
    const id = pair.reference ? "similarReference" : "similar";
    return {
      messageId: `batch.${id}`,
      severity: "info",
      message: renderMessage(batchNoteMessages, id, lang, data),
      data,
    };
  });
  return {
    ...report,
    steps: report.steps.map((step) => ({
      ...step,
      checks: step.checks.map((check) => {
        const kept = check.findings.filter((f) => !isSimilar(f));
        if (check !== target) return kept.length === check.findings.length ? check : rebuilt(check, kept, []);
        return rebuilt(check, kept, added);
      }),
    })),
  };

  function rebuilt(check: CheckResult, kept: ReportFinding[], extra: ReportFinding[]): CheckResult {
    const base = checkMessage(kept, lang);
    return {
      ...check,
      findings: [...kept, ...extra],
      message: [base, ...extra.map((f) => f.message)].join("\n"),
    };
  }
}

/** One line of the student's text: control characters out, spaces collapsed, cut at a word. */
function excerpt(text: string): string {
  const flat = Array.from(text, (ch) => (isControl(ch.codePointAt(0) ?? 0) ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= EXCERPT) return flat;
  const cut = flat.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT - 40))} …`;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
