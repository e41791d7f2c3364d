import { describe, expect, it } from "vitest";
import { fingerprintText } from "./fingerprint.js";
import { sharedPassages } from "./passages.js";

const prepared = (text: string) => ({ text, fingerprints: fingerprintText("readme", text) });
const passages = (textA: string, textB: string, max = 3, maxLines = 12) => {
  const a = prepared(textA);
  const b = prepared(textB);
  const inB = new Set(b.fingerprints.map((f) => f.hash));
  const shared = new Set(a.fingerprints.map((f) => f.hash).filter((h) => inB.has(h)));
  return sharedPassages(a, b, shared, { max, maxLines });
};

const ONE = "Le port publié relie le port de la machine hôte au port qui écoute dans le conteneur lancé.";
const TWO =
  "Une couche modifiée invalide le cache de toutes les instructions qui viennent après elle dans le fichier.";
const OWN =
  "Ceci est une phrase personnelle que personne d'autre n'a jamais écrite nulle part ailleurs, vraiment.";
const OTHER =
  "Et voici une tout autre remarque, sans aucun lien avec le reste du rapport rendu par ailleurs.";

describe("sharedPassages", () => {
  it("returns whole lines of each side, leaving out what is not shared", () => {
    expect(passages(`# A\n${OWN}\n\n${ONE}\n`, `${OTHER}\n${ONE}\n## fin`)).toEqual([{ a: ONE, b: ONE }]);
  });

  it("merges shared lines parted only by blank lines, or by a heading found on one side only", () => {
    expect(passages(`${ONE}\n\n\n${TWO}`, `${ONE}\n## Titre\n${TWO}\n\n${OTHER}`)).toEqual([
      { a: `${ONE}\n\n\n${TWO}`, b: `${ONE}\n## Titre\n${TWO}` },
    ]);
  });

  it("pairs passages that moved, the one with most shared fingerprints first", () => {
    const long = `${TWO} ${TWO}`;
    const result = passages(`${ONE}\n${OWN}\n${long}`, `${long}\n${OTHER}\n${ONE}`);
    expect(result).toEqual([
      { a: long, b: long },
      { a: ONE, b: ONE },
    ]);
    expect(passages(`${ONE}\n${OWN}\n${long}`, `${long}\n${OTHER}\n${ONE}`, 1)).toEqual([
      { a: long, b: long },
    ]);
  });

  it("cuts a long passage after maxLines lines and says so with an ellipsis line", () => {
    const text = Array.from({ length: 6 }, (_, i) => `${i} ${ONE}`).join("\n");
    const [p] = passages(text, text, 3, 4);
    expect(p?.a.split("\n")).toEqual([`0 ${ONE}`, `1 ${ONE}`, `2 ${ONE}`, `3 ${ONE}`, "…"]);
    expect(p?.b).toBe(p?.a);
  });

  it("gives nothing when nothing is shared", () => {
    expect(passages(ONE, OTHER)).toEqual([]);
  });
});
