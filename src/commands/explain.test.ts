import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { loadRubric } from "../rubric/load.js";
import type { Rubric } from "../rubric/types.js";
import { explainRubric } from "./explain.js";

const loaded = await loadRubric(new URL("../../rubrics/docker-basics", import.meta.url).pathname, registry);
if (!loaded.ok) throw new Error("the bundled rubric does not load");
const rubric: Rubric = loaded.rubric;
const checks = rubric.steps.flatMap((step) => step.checks);

describe.each(["fr", "en"] as const)("rubric explain (%s)", (lang) => {
  const text = explainRubric(rubric, lang);

  it("lists the report's expected headings in words, Etape 1 to 6 and Bilan", () => {
    for (const heading of ["Etape 1", "Etape 2 — Dockerfile minimal", "Etape 6 — Mini-quiz", "Bilan"])
      expect(text).toContain(`\n- ${heading}\n`);
  });

  it("names every visible check by its title with its points, never by its id, and shows no pattern", () => {
    for (const check of checks.filter((c) => c.visibility !== "hidden")) {
      const title = check.title ? (typeof check.title === "string" ? check.title : check.title[lang]) : "";
      expect(text).toContain(`**${title}** — ${check.points} pt`);
      if (check.id.includes("-")) expect(text).not.toMatch(new RegExp(`(^|[^\\w-])${check.id}([^\\w-]|$)`));
    }
    expect(text).not.toMatch(/\\s|\\b|\\d/);
  });

  it("says once what the seven Dockerfile rules check", () => {
    const dockerfileWhat = registry.get("dockerfile")?.description[lang] ?? "";
    expect(text.split(dockerfileWhat)).toHaveLength(2);
  });

  it("gives each quiz question with the ideas a good answer covers, without the answer key", () => {
    expect(text).toMatch(
      lang === "fr" ? /Q2\. .* une bonne réponse aborde : / : /Q2\. .* a good answer covers: /,
    );
    expect(text).toContain(
      lang === "fr"
        ? "comment lire l'environnement depuis l'intérieur du conteneur en marche"
        : "how to read the environment from inside the running container",
    );
    expect(text).not.toContain("docker exec <");
  });
});

it("shows the expected answers when the quiz gives hints: full", () => {
  const full = structuredClone(rubric);
  for (const check of full.steps.flatMap((s) => s.checks))
    if (check.grader === "quiz") check.params.hints = "full";
  expect(explainRubric(full, "en")).toContain("docker exec <container> env (or printenv)");
});
