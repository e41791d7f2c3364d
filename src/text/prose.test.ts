import { describe, expect, it } from "vitest";
import { isExplained, proseStats } from "./prose.js";
import { copiesQuestion } from "./resemblance.js";

describe("isExplained (8 words, one clause of 6+ words with a grammatical word)", () => {
  it.each([
    ["Le conteneur est supprimé automatiquement quand il s'arrête.", true],
    ["The container is removed as soon as it exits.", true],
    ["ENTRYPOINT, CMD, exécutable, arguments par défaut, override", false],
    ["suppression auto, pas d'accumulation, pas de conflit de nom, disque", false],
    ["- ENTRYPOINT: main executable\n- CMD: default args\n- overridable", false],
    ["ENTRYPOINT : exécutable fixe / CMD : arguments par défaut, remplaçables", false],
    ["Regarder les logs.", false],
    ["exec env inspect config docker container variables environment listing output", false],
  ])("%j: %s", (text, expected) => {
    expect(isExplained(text, 8)).toBe(expected);
  });

  it("counts words across clauses and keeps the longest clause", () => {
    expect(proseStats("un deux, trois quatre cinq | six")).toEqual({
      words: 6,
      longestClause: 3,
      sentence: false,
    });
  });
});

describe("copiesQuestion", () => {
  const fr = "Quelle est la différence entre ENTRYPOINT et CMD ?";
  it.each([
    [fr, true],
    ["Différence entre ENTRYPOINT et CMD.", true],
    ["ENTRYPOINT vs CMD", true],
    ["Q1 : différence ENTRYPOINT / CMD ?", true],
    ["ENTRYPOINT fixe l'exécutable, CMD les arguments par défaut.", false],
    [`${fr} ENTRYPOINT fixe l'exécutable et CMD donne les arguments par défaut.`, false],
    ["CMD", false],
    ["", false],
  ])("%j: %s", (answer, expected) => {
    expect(copiesQuestion(answer, fr)).toBe(expected);
  });
});
