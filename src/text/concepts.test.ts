import { describe, expect, it } from "vitest";
import { type Concept, matchConcepts, phraseRegExp } from "./concepts.js";
import { normalizeText, words } from "./normalize.js";
import { compilePattern } from "./pattern.js";

describe("normalizeText", () => {
  it.each([
    ["Étape 6 — Mini-quiz", "etape 6 -- mini-quiz"],
    ["L’exécutable «\u00a0principal\u00a0»", `l'executable " principal "`],
    ["`docker system df`", "docker system df"],
    ["docker run –rm", "docker run --rm"],
    ["ENTRYPOINT\u00a0:\u202fCMD", "entrypoint : cmd"],
    ["cœur  \n  Æther", "coeur aether"],
    ["HTTP_PROXY", "http_proxy"],
  ])("%j -> %j", (raw, normal) => {
    expect(normalizeText(raw)).toBe(normal);
  });

  it("splits words at apostrophes and hyphens", () => {
    expect(words("L'image « slim », sous-commande")).toEqual(["l", "image", "slim", "sous", "commande"]);
  });

  it("compiles rubric patterns accent- and case-insensitively, and names a bad one", () => {
    expect(compilePattern("étape\\s*6").test("ETAPE 6")).toBe(true);
    expect(() => compilePattern("etape(")).toThrow(/invalid pattern \/etape\(\//);
  });
});

describe("phrases", () => {
  it.each([
    // plain phrase, text, matches?
    ["arguments par défaut", "CMD donne les arguments par defaut", true],
    ["argument par defaut", "les Arguments Par Défaut", true],
    ["conteneur arrete", "des conteneurs arrêtés", true],
    ["conteneur arrete", "les conteneurs arrêtées", true],
    ["supprim*", "il sera supprimé", true],
    ["supprim*", "la suppression", false],
    ["cache", "cacher", false],
    ["cache", "le cache.", true],
    ["--build-arg", "avec `--build-arg HTTP_PROXY=…`", true],
    ["--build-arg", "--build-args", true],
    ["docker desktop", "Docker-Desktop", true],
    ["disk space", "diskspace", false],
    ["printenv", "/usr/bin/printenv", true],
    ["env", "environment", false],
    ["/system df\\b/", "docker system df -v", true],
    ["/system df\\b/", "docker system dfx", false],
    ["/entrypoint.{0,20}exécutable/", "ENTRYPOINT fixe l'exécutable", true],
  ])("%j in %j: %s", (phrase, text, expected) => {
    expect(phraseRegExp(phrase).test(normalizeText(text))).toBe(expected);
  });

  it("rejects a bad regex phrase with a SyntaxError", () => {
    expect(() => phraseRegExp("/(unclosed/")).toThrow(SyntaxError);
  });
});

describe("matchConcepts", () => {
  const concepts: Concept[] = [
    { id: "a", weight: 3, label: { fr: "A", en: "A" }, phrases: ["docker system df"] },
    { id: "b", weight: 1, label: "B", phrases: ["--verbose", "/\\bdf\\s+-v\\b/"] },
  ];

  it.each([
    ["`docker system df -v`", ["a", "b"], 1],
    ["docker system df", ["a"], 0.75],
    ["df -v", ["b"], 0.25],
    ["docker ps", [], 0],
  ])("%j finds %j (coverage %d)", (text, found, coverage) => {
    const match = matchConcepts(text, concepts);
    expect(match.found.map((c) => c.id)).toEqual(found);
    expect(match.missing.map((c) => c.id)).toEqual(["a", "b"].filter((id) => !found.includes(id)));
    expect(match.coverage).toBeCloseTo(coverage, 10);
  });

  it("gives full coverage when nothing is expected", () => {
    expect(matchConcepts("anything", []).coverage).toBe(1);
  });

  it.each([
    // fullCredit: the core earns everything, depth adds nothing beyond 1 and is never required
    ["docker system df", 3, 1],
    ["docker system df -v", 3, 1],
    ["df -v", 3, 1 / 3],
    ["docker system df", 2, 1],
    ["docker system df", 6, 0.5],
  ])("%j with full credit at %d covers %d", (text, fullCredit, coverage) => {
    expect(matchConcepts(text, concepts, { fullCredit }).coverage).toBeCloseTo(coverage, 10);
  });
});

describe("matchConcepts with negation on", () => {
  const replaced: Concept = {
    id: "cmd-replaced",
    weight: 1,
    label: "x",
    phrases: ["/\\bcmd\\b.{0,40}(remplac|overrid)/"],
  };
  const fixed: Concept = {
    id: "entrypoint-fixed",
    weight: 1,
    label: "x",
    phrases: ["/entrypoint.{0,40}(pas|not) (remplac|overrid)/"],
  };
  const noClash: Concept = {
    id: "no-clash",
    weight: 1,
    label: "x",
    ignoreNegation: true,
    phrases: ["/conflit|conflict/"],
  };
  it.each([
    ["CMD est remplacé par docker run", ["cmd-replaced"]],
    ["CMD ne peut pas être remplacé", []],
    ["CMD is never overridden", []],
    ["CMD can't be overridden. CMD is overridden by docker run arguments.", ["cmd-replaced"]],
    ["ENTRYPOINT n'est pas remplacé par docker run", ["entrypoint-fixed"]],
    ["ENTRYPOINT is not overridden, while CMD is overridden", ["cmd-replaced", "entrypoint-fixed"]],
    ["Pas de conflit de nom", ["no-clash"]],
    ["On n'a plus de conflit de nom", ["no-clash"]],
    ["There is no name conflict", ["no-clash"]],
  ])("%j states %j", (text, found) => {
    expect(
      matchConcepts(text, [replaced, fixed, noClash], { negation: true }).found.map((c) => c.id),
    ).toEqual(found);
  });
});

describe("matchConcepts with negation off (the default, as report sections use it)", () => {
  it("counts a phrase even in a negated clause", () => {
    const concept: Concept = { id: "c", weight: 1, label: "x", phrases: ["/remplac/"] };
    expect(matchConcepts("CMD ne peut pas être remplacé", [concept]).coverage).toBe(1);
    expect(matchConcepts("CMD ne peut pas être remplacé", [concept], { negation: true }).coverage).toBe(0);
  });
});
