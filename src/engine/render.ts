import type { AnyGrader, Finding, GraderResult } from "../grader/contract.js";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang } from "../i18n/text.js";
import { sanitizeFileName, sanitizeText } from "../report/sanitize.js";
import type { ReportFinding } from "../report/schema.js";
import { engineMessages } from "./messages.js";

/** A grader's result with its findings worded in the report's language. */
export interface RenderedResult extends Omit<GraderResult, "findings"> {
  findings: ReportFinding[];
}

/**
 * Words every finding of a result. Part of the per-check guard: a finding that cannot be worded (an
 * unknown message id, a bug of dockgrade's) turns that check into an `error` saying so, never a crash
 * of the whole run.
 */
export function renderResult(
  grader: Pick<AnyGrader, "id" | "messages"> | undefined,
  result: GraderResult,
  lang: Lang,
): RenderedResult {
  try {
    return { ...result, findings: result.findings.map((finding) => renderFinding(grader, finding, lang)) };
  } catch (error) {
    const data = { grader: grader?.id ?? "?", cause: (error as Error).message };
    const finding: Finding = { messageId: "engine.renderFailed", severity: "problem", data };
    return { status: "error", findings: [renderFinding(grader, finding, lang)], details: result.details };
  }
}

/**
 * Turns a grader's finding into its report form, with the message in the report's language. This is
 * where student text enters the report: every string of `data` and the file name are sanitised here.
 */
export function renderFinding(
  grader: Pick<AnyGrader, "messages"> | undefined,
  finding: Finding,
  lang: Lang,
): ReportFinding {
  const engine = finding.messageId.startsWith("engine.");
  const catalog: MessageCatalog = engine ? engineMessages : (grader?.messages ?? {});
  const id = engine ? finding.messageId.slice("engine.".length) : finding.messageId;
  const data =
    finding.data &&
    Object.fromEntries(
      Object.entries(finding.data)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === "string" ? sanitizeText(v) : v]),
    );
  const out: ReportFinding = {
    messageId: finding.messageId,
    severity: finding.severity,
    message: renderMessage(catalog, id, lang, data),
  };
  if (finding.code) out.code = finding.code;
  if (finding.file) out.file = sanitizeFileName(finding.file);
  if (finding.line) out.line = finding.line;
  if (data && Object.keys(data).length > 0) out.data = data as ReportFinding["data"];
  return out;
}

/** The check's one-paragraph message: what is wrong (and how to fix it), or else what is right. */
export function checkMessage(findings: ReportFinding[], lang: Lang): string {
  const problems = findings.filter((f) => f.severity === "problem");
  const shown = problems.length > 0 ? problems : findings.filter((f) => f.severity !== "problem");
  if (shown.length === 0) return renderMessage(engineMessages, "allGood", lang);
  return shown
    .map((f) => (f.line ? `${f.file ?? ""}:${f.line} ${f.message}`.trimStart() : f.message))
    .join("\n");
}
