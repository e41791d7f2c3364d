import type { MessageCatalog } from "../i18n/catalog.js";
import type { ReportFinding } from "../report/schema.js";

// Notes a class run adds to a graded report after grading (src/batch/similar-findings.ts). They live here,
// beside the engine, so that re-rendering a report (rerender.ts) words them without importing the batch.

/** The notes the batch adds to a graded report, ids prefixed `batch.` in the report. */
export const batchNoteMessages = {
  similar: {
    en: "For the instructor: this report's text is nearly the same as {other}'s ({percent} % in common), for example: “{excerpt}”. The score is unchanged; compare the two before deciding.",
    fr: "Pour l'enseignant : le texte de ce rapport est presque identique à celui de {other} ({percent} % en commun), par exemple : « {excerpt} ». La note n'est pas modifiée ; comparez les deux avant de décider.",
  },
  similarReference: {
    en: "For the instructor: this report's text is nearly the same as the published text {other} ({percent} % in common), for example: “{excerpt}”. The score is unchanged; compare the two before deciding.",
    fr: "Pour l'enseignant : le texte de ce rapport est presque identique au texte publié {other} ({percent} % en commun), par exemple : « {excerpt} ». La note n'est pas modifiée ; comparez les deux avant de décider.",
  },
} satisfies MessageCatalog;

/** A note of the batch's (`similar` in reports written before notes were prefixed `batch.`). */
export function isSimilar(finding: ReportFinding): boolean {
  return (
    finding.severity === "info" && (finding.messageId === "similar" || finding.messageId.startsWith("batch."))
  );
}
