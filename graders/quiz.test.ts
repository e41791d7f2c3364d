import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMessage } from "../src/i18n/catalog.js";
import { paramsFor, reportContext, reportRepo, snippetParams } from "../src/markdown/testkit.js";
import { paramsWithDefaults } from "../src/rubric/validate-schema.js";
import quiz from "./quiz.js";

const params = paramsFor(quiz, snippetParams("quiz-check.yaml", "quiz-answers")) as never;

// The same five answers (and the questions as a student would restate them), laid out in every way seen.
const TITLES = [
  "Différence entre ENTRYPOINT et CMD ?",
  "Voir les variables d'environnement d'un conteneur ?",
  "Build qui échoue derrière un proxy ?",
  "Espace disque utilisé par Docker ?",
  "Pourquoi `--rm` en développement ?",
];
const ANSWERS = [
  "`ENTRYPOINT` fixe l'exécutable toujours lancé, `CMD` donne les arguments par défaut ; ceux passés à `docker run` remplacent `CMD` et sont ajoutés à l'`ENTRYPOINT`.",
  "`docker exec quotegen env` depuis l'intérieur, ou `docker inspect quotegen` et son champ `.Config.Env` depuis l'hôte.",
  "Relancer avec `--progress=plain` pour lire l'erreur, passer `HTTP_PROXY`, `HTTPS_PROXY` et `NO_PROXY` avec `--build-arg`, et configurer le proxy du démon dans `daemon.json`.",
  "`docker system df`, et `docker system df -v` pour le détail.",
  "Le conteneur est supprimé dès qu'il s'arrête : pas d'accumulation de conteneurs arrêtés, pas de conflit de nom et moins d'espace disque perdu.",
];

type Layout = (titles: string[], answers: string[]) => string;
const LAYOUTS: Record<string, Layout> = {
  "numbered items with bold questions": (t, a) => t.map((q, i) => `${i + 1}. **${q}** ${a[i]}`).join("\n"),
  "numbered questions then bullets": (t, a) => t.map((q, i) => `${i + 1}) ${q}\n\n- ${a[i]}`).join("\n\n"),
  bullets: (t, a) => t.map((q, i) => `- **${q}** : ${a[i]}`).join("\n"),
  "questions then blockquotes": (t, a) => t.map((q, i) => `**${q}**\n\n> ${a[i]}`).join("\n\n"),
  "blockquotes holding both": (t, a) => t.map((q, i) => `> **Q${i + 1} : ${q}**\n> ${a[i]}`).join("\n\n"),
  table: (t, a) => `| Question | Réponse |\n|---|---|\n${t.map((q, i) => `| ${q} | ${a[i]} |`).join("\n")}`,
  "sub-headings": (t, a) => t.map((q, i) => `### ${i + 1}. ${q}\n\n${a[i]}`).join("\n\n"),
  "sub-headings out of order": (t, a) => [4, 2, 0, 3, 1].map((i) => `### ${t[i]}\n\n${a[i]}`).join("\n\n"),
  "untitled bullets": (_t, a) => a.map((x) => `- ${x}`).join("\n"),
};
const HEADINGS = ["## Etape 6", "# Étape 6 — Mini-quiz", "## ETAPE 6"];

const report = (heading: string, body: string) =>
  `# TP Docker\n\n## Etape 5\n\nLes tags.\n\n${heading}\n\n${body}\n\n## Bilan\n\nFin.\n`;

async function grade(markdown: string, lang: "fr" | "en" = "en") {
  const { ctx } = reportRepo(markdown, lang);
  return quiz.run(ctx, params);
}

describe("quiz on Markdown layouts", () => {
  for (const [name, layout] of Object.entries(LAYOUTS))
    it.each(HEADINGS)(`${name} under %j earns full marks`, async (heading) => {
      const result = await grade(report(heading, layout(TITLES, ANSWERS)));
      expect(result.details).toMatchObject({ section: heading.replace(/^#+ /, "") });
      expect(result.credit, JSON.stringify(result.details)).toBe(1);
      expect(result.status).toBe("pass");
      expect(result.findings.filter((f) => f.severity === "problem")).toEqual([]);
    });

  it.each(Object.keys(LAYOUTS))("%s: a copied question earns 0 for that question only", async (name) => {
    const answers = [...ANSWERS];
    answers[3] = "Quelle commande montre l'espace disque consommé par Docker ?";
    const result = await grade(report("## Etape 6", LAYOUTS[name]?.(TITLES, answers) ?? ""));
    expect(result.credit).toBe(0.8);
    expect(result.status).toBe("partial");
    expect(result.findings.filter((f) => f.severity === "problem").map((f) => f.messageId)).toEqual([
      "copiedQuestion",
    ]);
  });
});

describe("quiz findings", () => {
  it("names each concept found and missing, in the report's language, with the answer's line", async () => {
    const answers = [...ANSWERS];
    answers[0] = "`ENTRYPOINT` fixe l'exécutable qui est toujours lancé au démarrage du conteneur.";
    const markdown = report("## Etape 6", LAYOUTS["sub-headings"]?.(TITLES, answers) ?? "");
    const result = await grade(markdown, "fr");
    expect(result.credit).toBe(0.9);
    const rendered = result.findings.map((f) => ({
      line: f.line,
      text: renderMessage(quiz.messages, f.messageId, "fr", f.data),
    }));
    expect(rendered).toContainEqual({
      line: 9,
      text: "Q1 (Quelle est la différence entre ENTRYPOINT et CMD ?) : la réponse énonce cette idée : ENTRYPOINT fixe l'exécutable (la commande principale), toujours lancé.",
    });
    expect(rendered).toContainEqual({
      line: 9,
      text: "Q1 (Quelle est la différence entre ENTRYPOINT et CMD ?) : une idée manque : le rôle de CMD quand docker run ne reçoit rien de plus. Ajoutez-la à votre réponse.",
    });
    expect(result.findings.filter((f) => f.severity === "problem")).toHaveLength(3);
    expect(result.findings.every((f) => f.file === "README.md")).toBe(true);
  });

  it("names a missing idea in general terms, and hands out the expected answer only with hints: full", async () => {
    const answers = [...ANSWERS];
    answers[1] = "Je ne sais pas.";
    const markdown = report("## Etape 6", LAYOUTS["sub-headings"]?.(TITLES, answers) ?? "");
    const missing = async (hints: "general" | "full") => {
      const { ctx } = reportRepo(markdown, "en");
      const result = await quiz.run(ctx, { ...(params as object), hints } as never);
      return result.findings
        .filter((f) => f.messageId === "conceptMissing")
        .map((f) => renderMessage(quiz.messages, f.messageId, "en", f.data));
    };
    const general = await missing("general");
    expect(general).toContainEqual(
      expect.stringMatching(
        /^Q2 \(.*\): an idea is missing: how to read the environment from inside the running container\. Add it to your answer\.$/,
      ),
    );
    expect(general.join("\n")).not.toContain("docker exec");
    expect((await missing("full")).join("\n")).toContain("docker exec <container> env (or printenv)");
  });

  it("caps a bare keyword list where an explanation is asked, and says so", async () => {
    const answers = [...ANSWERS];
    answers[4] = "suppression auto, pas d'accumulation, pas de conflit de nom, disque";
    const result = await grade(report("## Etape 6", LAYOUTS.bullets?.(TITLES, answers) ?? ""));
    expect(result.credit).toBe(0.9);
    const problems = result.findings.filter((f) => f.severity === "problem");
    expect(problems.map((f) => f.messageId)).toEqual(["unexplained"]);
    expect(renderMessage(quiz.messages, "unexplained", "en", problems[0]?.data)).toMatch(
      /^Q5 \(Why is --rm useful in development\?\): keywords or commands without explanation \(fewer than 6 words .* capped at 50%/,
    );
  });

  it("caps keywords thrown together on any question, and says so", async () => {
    const answers = [...ANSWERS];
    answers[1] = "docker exec docker inspect docker logs docker ps docker env printenv Config.Env";
    const result = await grade(report("## Etape 6", LAYOUTS.bullets?.(TITLES, answers) ?? ""));
    expect(result.credit).toBe(0.84);
    const problems = result.findings.filter((f) => f.severity === "problem");
    expect(problems.map((f) => f.messageId)).toEqual(["stuffed"]);
    expect(renderMessage(quiz.messages, "stuffed", "fr", problems[0]?.data)).toMatch(
      /^Q2 \(How do you see the environment variables of a running container\?\) : des mots-clés mis bout à bout ne font pas une réponse : crédit plafonné à 20 %/,
    );
  });

  it("gives a short complete answer full credit and reports no depth as missing", async () => {
    const answers = [...ANSWERS];
    answers[0] =
      "ENTRYPOINT fixe le programme toujours lancé ; CMD donne les arguments par défaut, remplacés par ceux de `docker run`.";
    answers[1] = "`docker exec quotegen env`";
    answers[3] = "`docker system df`";
    answers[4] =
      "Le conteneur est supprimé dès qu'il s'arrête, donc il ne s'accumule pas dans `docker ps -a`.";
    const result = await grade(report("## Etape 6", LAYOUTS["sub-headings"]?.(TITLES, answers) ?? ""));
    expect(result.credit, JSON.stringify(result.details)).toBe(1);
    expect(result.findings.filter((f) => f.severity === "problem")).toEqual([]);
  });

  it("does not credit a concept stated in a negation", async () => {
    const answers = [...ANSWERS];
    answers[4] = "Avec --rm, le conteneur n'est pas supprimé quand il s'arrête.";
    const result = await grade(report("## Etape 6", LAYOUTS["sub-headings"]?.(TITLES, answers) ?? ""));
    expect(result.credit).toBe(0.8);
    expect(result.findings).toContainEqual(
      expect.objectContaining({
        messageId: "conceptMissing",
        data: expect.objectContaining({ question: expect.stringMatching(/^Q5/) }),
      }),
    );
  });

  it("reports a question left without answer", async () => {
    const result = await grade(
      report("## Etape 6", LAYOUTS["sub-headings"]?.(TITLES.slice(0, 4), ANSWERS) ?? ""),
    );
    expect(result.credit).toBe(0.8);
    expect(result.findings.filter((f) => f.severity === "problem")).toEqual([
      expect.objectContaining({
        messageId: "answerMissing",
        line: 7,
        data: expect.objectContaining({ question: expect.stringMatching(/^Q5/) }),
      }),
    ]);
  });

  it("reads a report kept in another Markdown file of a sub-folder", async () => {
    const { dir } = reportRepo("# Autre");
    mkdirSync(path.join(dir, "TP"));
    writeFileSync(
      path.join(dir, "TP", "Tpdocker1.md"),
      report("## Étape 6", LAYOUTS.table?.(TITLES, ANSWERS) ?? ""),
    );
    const result = await quiz.run(reportContext(dir, "TP/Tpdocker1.md"), params);
    expect(result.credit).toBe(1);
  });

  it("fails with the headings it saw when the section is missing", async () => {
    const result = await grade("# TP\n\n## Etape 5\n\nx\n\n## Questions\n\ny");
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(renderMessage(quiz.messages, "sectionMissing", "en", result.findings[0]?.data)).toBe(
      'README.md has no heading for this part of the report: expected a section such as "## Etape 6 — Mini-quiz". Headings found: # TP / ## Etape 5 / ## Questions. Add the section with that heading.',
    );
  });

  it("fails clearly without a report; a bad rubric pattern never reaches it", async () => {
    const { dir } = reportRepo("");
    expect(await quiz.run(reportContext(dir, undefined), params)).toMatchObject({
      status: "fail",
      findings: [{ messageId: "noReport" }],
    });
    const bad = structuredClone(params) as { questions: Array<{ concepts: Array<{ phrases: string[] }> }> };
    bad.questions[0]?.concepts[0]?.phrases.push("/(unclosed/");
    expect(() => paramsWithDefaults(quiz.params, bad)).toThrow(/phrases\/\d+ Unterminated group/);
  });
});
