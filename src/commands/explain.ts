import { registry } from "../../graders/index.js";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import { type Lang, type LocalText, localize } from "../i18n/text.js";
import type { Rubric } from "../rubric/types.js";
import { type CommandIO, EXIT } from "./io.js";
import { loadRubricFor } from "./load-rubric.js";

const words = {
  intro: {
    fr: "Barème : ce qui est vérifié, et combien de points chaque vérification rapporte.",
    en: "Grading scheme: what is checked, and how many points each check earns.",
  },
  total: { fr: "Total", en: "Total" },
  needs: { fr: "après", en: "after" },
  docker: { fr: "avec Docker", en: "with Docker" },
  hiddenNote: {
    fr: "{count} vérification(s) cachée(s) ne sont pas détaillées ici ({points} points).",
    en: "{count} hidden check(s) are not detailed here ({points} points).",
  },
} satisfies MessageCatalog;

/**
 * The grading scheme as students read it before they submit: steps, checks, points and what each checks.
 * Hidden checks are counted but never described.
 */
export function explainRubric(rubric: Rubric, lang: Lang): string {
  const lines = [`# ${localize(rubric.assignment.title, lang)}`, "", words.intro[lang], ""];
  let hiddenCount = 0;
  let hiddenPoints = 0;
  for (const step of rubric.steps) {
    lines.push(`## ${localize(step.title, lang)} — ${points(step.points)}`, "");
    for (const check of step.checks) {
      if (check.visibility === "hidden") {
        hiddenCount++;
        hiddenPoints += check.points;
        continue;
      }
      const grader = registry.get(check.grader);
      const title = check.title ? localize(check.title, lang) : check.id;
      const what = check.description
        ? localize(check.description, lang)
        : grader
          ? grader.description[lang]
          : check.grader;
      const tags: Array<string | undefined> = [
        grader?.requires.includes("docker") ? words.docker[lang] : undefined,
      ];
      if (check.needs.length > 0) tags.push(`${words.needs[lang]} ${check.needs.join(", ")}`);
      const suffix = tags.filter(Boolean).length > 0 ? ` _(${tags.filter(Boolean).join("; ")})_` : "";
      lines.push(`- **${title}** — ${points(check.points)}: ${what}${suffix}`);
      for (const item of listedItems(check.params, lang)) lines.push(`  - ${item}`);
    }
    lines.push("");
  }
  if (hiddenCount > 0) {
    lines.push(renderMessage(words, "hiddenNote", lang, { count: hiddenCount, points: hiddenPoints }), "");
  }
  lines.push(`**${words.total[lang]}: ${points(rubric.assignment.totalPoints)}**`);
  return `${lines.join("\n")}\n`;
}

function points(n: number): string {
  return `${n} pt${n > 1 ? "s" : ""}`;
}

/** What a check looks for, when its parameters list it: quiz questions or the concepts to explain. */
function listedItems(params: Record<string, unknown>, lang: Lang): string[] {
  const labelled = (items: unknown, key: "label" | "title") =>
    Array.isArray(items)
      ? items
          .map((item) => (item as Record<string, unknown>)[key])
          .filter((text): text is LocalText => text !== undefined)
      : [];
  const questions = labelled(params.questions, "title");
  const concepts = labelled(params.concepts, "label");
  return [...questions, ...concepts].map((text) => localize(text, lang));
}

/** `dockgrade rubric explain [DIR]`. */
export async function explainCommand(dir: string, lang: Lang, io: CommandIO): Promise<number> {
  const loaded = await loadRubricFor(dir, lang, io);
  if (!("rubric" in loaded)) return EXIT.usage;
  io.stdout(explainRubric(loaded.rubric, lang));
  return EXIT.graded;
}
