import { describe, expect, it } from "vitest";
import { clauseAround, hasNegation, isNegated, withoutNegation } from "./negation.js";
import { normalizeText } from "./normalize.js";

describe("hasNegation", () => {
  it.each([
    ["CMD ne peut pas être remplacé", true],
    ["CMD n'est jamais remplacé", true],
    ["les variables ne servent à rien", true],
    ["on peut pas le changer", true],
    ["it is not removed", true],
    ["it can't be overridden", true],
    ["it cannot be overridden", true],
    ["it is never replaced", true],
    ["docker isnt showing it", true],
    ["pas d'accumulation de conteneurs", false],
    ["pas de conflit de nom", false],
    ["on ne le change qu'avec --entrypoint", false],
    ["il ne faut pas oublier --build-arg", false],
    ["n'oubliez pas de passer HTTP_PROXY", false],
    ["don't forget the proxy variables", false],
    ["not only the image but the container", false],
    ["the container is removed", false],
    ["le conteneur nettoie tout à la sortie", false],
    ["le conteneur dont le nom est quotegen", false],
  ])("%j: %s", (text, expected) => {
    expect(hasNegation(normalizeText(text))).toBe(expected);
  });
});

describe("withoutNegation", () => {
  it.each([
    ["cmd ne peut pas etre remplace", "cmd peut etre remplace"],
    ["entrypoint n'est pas remplace", "entrypoint est remplace"],
    ["cmd cannot be overridden", "cmd can be overridden"],
    ["the container is not removed", "the container is removed"],
  ])("%j -> %j", (clause, expected) => {
    expect(withoutNegation(clause)).toBe(expected);
  });
});

describe("clauseAround", () => {
  const text = "entrypoint ne change pas, cmd est remplace par docker run";
  it.each([
    // start, end, clause
    [0, 10, "entrypoint ne change pas"],
    [26, 41, "cmd est remplace par docker run"],
    [0, 41, text],
  ])("%d..%d", (start, end, clause) => {
    const [from, to] = clauseAround(text, start, end);
    expect(text.slice(from, to).replace(/[,\s]+$/, "")).toBe(clause);
  });

  it("ends a clause before a word that opens another", () => {
    const t = "cmd gives default args that cannot be overridden";
    const [from, to] = clauseAround(t, 0, 16);
    expect(t.slice(from, to)).toBe("cmd gives default args");
  });
});

describe("isNegated", () => {
  const at = (text: string, re: RegExp): [string, RegExp, number, number] => {
    const normal = normalizeText(text);
    const m = re.exec(normal);
    if (!m) throw new Error(`${re} does not match ${normal}`);
    return [normal, re, m.index, m.index + m[0].length];
  };
  it.each([
    // text, phrase, negated?
    ["CMD ne peut pas être remplacé", /\bcmd\b.{0,40}remplac/, true],
    ["CMD peut être remplacé", /\bcmd\b.{0,40}remplac/, false],
    // The phrase asks for the negation itself: stating it is not a negation of the concept.
    ["ENTRYPOINT n'est pas remplacé par docker run", /entrypoint.{0,40}pas (facilement )?remplac/, false],
    ["ENTRYPOINT ne change pas, CMD est remplacé", /\bcmd\b.{0,40}remplac/, false],
    ["The container is not removed when it stops", /remov\w*.{0,60}stop/, true],
    ["The container is removed when it stops, so nothing is left", /remov\w*.{0,60}stop/, false],
    ["docker inspect ne montre pas les variables", /docker inspect/, true],
    ["Ce n'est pas docker system df, c'est docker info", /system df/, true],
    ["CMD gives default args that cannot be overridden", /\bcmd\b.{0,20}default/, false],
    ["Il ne faut pas oublier de passer --build-arg", /build-arg/, false],
  ])("%j with %s: %s", (text, re, expected) => {
    expect(isNegated(...at(text, re))).toBe(expected);
  });
});
