import type { Root } from "mdast";
import type { Finding, GraderContext, GraderResult, MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import { readParsedReport } from "../../src/markdown/report-memo.js";
import { findSection, headingOutline, type Section } from "../../src/markdown/sections.js";
import { compilePattern } from "../../src/text/pattern.js";

/** Messages every report-reading grader declares (spread into its catalog). */
export const reportMessages = {
  noReport: {
    en: "No lab report was found: expected a Markdown file (README.md) at the root of the repository. Write the report in README.md and commit it.",
    fr: "Aucun compte rendu trouvé : un fichier Markdown (README.md) est attendu à la racine du dépôt. Rédigez le compte rendu dans README.md et committez-le.",
  },
  reportUnreadable: {
    en: "The report {file} could not be read ({reason}): expected a regular Markdown file under 5 MB inside the repository. Commit the file itself, not a link.",
    fr: "Le compte rendu {file} n'a pas pu être lu ({reason}) : un fichier Markdown ordinaire de moins de 5 Mo, dans le dépôt, est attendu. Committez le fichier lui-même, pas un lien.",
  },
  sectionMissing: {
    en: '{file} has no heading for this part of the report: expected a section such as "## {example}". Headings found: {headings}. Add the section with that heading.',
    fr: "{file} n'a pas de titre pour cette partie du compte rendu : une section comme « ## {example} » est attendue. Titres trouvés : {headings}. Ajoutez la section avec ce titre.",
  },
} satisfies MessageCatalog;

type ReportMessageId = MessageId<typeof reportMessages>;

export interface ReportSection {
  file: string;
  root: Root;
  section: Section;
}

/**
 * Reads the submission's report and finds the section whose heading matches `pattern` (no pattern: the
 * whole report; a rubric pattern, valid since the rubric loaded). Anything that stops the grader (no
 * report, unreadable, no such heading) comes back as a finished result.
 */
export async function loadReportSection(
  ctx: Pick<GraderContext, "submission" | "files">,
  pattern: string | undefined,
  example: string,
): Promise<{ ok: true; report: ReportSection } | { ok: false; result: GraderResult<ReportMessageId> }> {
  const heading = pattern === undefined ? undefined : compilePattern(pattern);
  const file = ctx.submission.reportFile;
  if (!file) return { ok: false, result: failure("noReport", {}) };
  const read = await readParsedReport(ctx.files, file);
  if (!read.ok)
    return { ok: false, result: failure("reportUnreadable", { file, reason: read.reason }, file) };
  const { root } = read;
  if (!heading)
    return {
      ok: true,
      report: { file, root, section: { title: file, depth: 0, children: root.children, line: 1 } },
    };
  const section = findSection(root, heading);
  if (!section) {
    const data = { file, example, headings: headingOutline(root) };
    return { ok: false, result: failure("sectionMissing", data, file) };
  }
  return { ok: true, report: { file, root, section } };
}

function failure(
  messageId: ReportMessageId,
  data: Finding["data"],
  file?: string,
): GraderResult<ReportMessageId> {
  return { status: "fail", credit: 0, findings: [{ messageId, severity: "problem", data, file }] };
}
