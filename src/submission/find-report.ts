import picomatch from "picomatch";
import type { Lang } from "../i18n/text.js";
import { DEFAULT_STEP_HEADING } from "../rubric/types.js";
import { matchesPattern } from "../text/pattern.js";
import type { SubmissionFiles } from "./files.js";
import { submissionError } from "./submission-error.js";
import { type TextProblem, textProblem } from "./text-content.js";

/** The largest report read (the `reportUnreadable` message states it: "under 5 MB"). */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

const HEADING = /^#{1,6}[ \t]*(.*)$/gm;

/** How many ATX headings of a Markdown text match the step heading pattern (a rubric pattern). */
export function countStepHeadings(markdown: string, stepHeading: string): number {
  let count = 0;
  for (const match of markdown.matchAll(HEADING)) if (matchesPattern(stepHeading, match[1] ?? "")) count++;
  return count;
}

interface Unreadable {
  rel: string;
  problem: TextProblem | "too-large";
  size: number;
}

/**
 * The lab report: among the Markdown files the candidate patterns match (from the submission root, then
 * the repository root), the one with the most step headings ("Etape N" unless the rubric's
 * `report.stepHeading` says otherwise); ties go to the earlier pattern. When no
 * readable candidate has any such heading and one could not be read (too large, not text), grading it
 * would only say "no report": the submission is refused with the reason instead (SubmissionError).
 */
export async function findReport(
  files: SubmissionFiles,
  rootRel: string,
  candidates: string[],
  stepHeading = DEFAULT_STEP_HEADING,
): Promise<string | undefined> {
  const markdown = (await files.list("", { from: "repo", depth: 4 })).filter(
    (f) => f.kind === "file" && f.rel.toLowerCase().endsWith(".md"),
  );
  const bases = rootRel ? [rootRel, ""] : [""];
  const ranked: Array<{ rel: string; order: number; steps: number }> = [];
  const unreadable: Unreadable[] = [];
  const seen = new Set<string>();
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
        if (inside === undefined || !matches(inside) || seen.has(file.rel)) continue;
        seen.add(file.rel);
        if (file.size > MAX_REPORT_BYTES) {
          unreadable.push({ rel: file.rel, problem: "too-large", size: file.size });
          continue;
        }
        const read = await files.readBytes(file.rel, { from: "repo", maxBytes: MAX_REPORT_BYTES });
        const problem = read.ok ? textProblem(read.bytes) : undefined;
        if (problem) {
          unreadable.push({ rel: file.rel, problem, size: file.size });
          continue;
        }
        const steps = read.ok ? countStepHeadings(read.bytes.toString("utf8"), stepHeading) : 0;
        ranked.push({ rel: file.rel, order: order++, steps });
      }
    }
  }
  ranked.sort((a, b) => b.steps - a.steps || a.order - b.order);
  const best = ranked[0];
  const refused = unreadable[0];
  if (refused && !(best && best.steps > 0)) throw unreadableReport(refused);
  return best?.rel;
}

function unreadableReport({ rel, problem, size }: Unreadable) {
  switch (problem) {
    case "too-large":
      return submissionError({
        en: `the lab report ${rel} is too large to read: ${megabytes(size, "en")}, and the limit is ${megabytes(MAX_REPORT_BYTES, "en")}. Keep the report to text: put screenshots in image files next to it and link them.`,
        fr: `le compte rendu ${rel} est trop gros pour être lu : ${megabytes(size, "fr")}, la limite est de ${megabytes(MAX_REPORT_BYTES, "fr")}. Gardez du texte dans le compte rendu : mettez les captures d'écran dans des fichiers image à côté et faites-y des liens.`,
      });
    case "utf16":
      return submissionError({
        en: `the lab report ${rel} is saved as UTF-16 ("Unicode" in Windows editors), which dockgrade cannot read as Markdown. Save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8), commit it, and grade again.`,
        fr: `le compte rendu ${rel} est enregistré en UTF-16 (« Unicode » dans les éditeurs Windows), que dockgrade ne sait pas lire comme du Markdown. Enregistrez-le de nouveau en UTF-8 (dans le Bloc-notes : Enregistrer sous, Encodage : UTF-8), committez-le et relancez la correction.`,
      });
    default:
      return submissionError({
        en: `the lab report ${rel} is not text: it holds binary data (an image, a PDF or a Word document renamed?). Write the report as Markdown text in ${rel}, put images in files of their own, and grade again.`,
        fr: `le compte rendu ${rel} n'est pas du texte : il contient des données binaires (une image, un PDF ou un document Word renommé ?). Rédigez le compte rendu en Markdown dans ${rel}, mettez les images dans des fichiers à part, et relancez la correction.`,
      });
  }
}

/** `5 MB`, `6.3 MB` (French: `5 Mo`, `6,3 Mo`), in MiB as file managers show them. */
export function megabytes(bytes: number, lang: Lang): string {
  const value = Math.round((bytes / 1024 / 1024) * 10) / 10;
  const shown = lang === "fr" ? String(value).replace(".", ",") : String(value);
  return `${shown} ${lang === "fr" ? "Mo" : "MB"}`;
}
