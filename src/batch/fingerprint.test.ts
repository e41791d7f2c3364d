import { describe, expect, it } from "vitest";
import {
  fingerprintText,
  kgramHashes,
  tokenHash,
  WINNOW_PARAMS,
  winnow,
  winnowPositions,
} from "./fingerprint.js";
import { proseTokens } from "./tokens.js";

const hashes = (kind: "readme" | "app", text: string) =>
  new Set(fingerprintText(kind, text).map((f) => f.hash));

describe("winnowPositions", () => {
  it.each([
    // hashes, window, positions kept
    [[5, 3, 8, 1, 9, 4, 7], 3, [1, 3, 5]],
    [[2, 2, 2, 2], 2, [1, 2, 3]],
    [[4, 1, 1, 6, 6, 0], 4, [2, 5]],
    [[3, 2], 4, [1]],
    [[], 4, []],
    [[9, 8, 7, 6, 5], 1, [0, 1, 2, 3, 4]],
  ])("%j, w=%i -> %j", (values, w, expected) => {
    expect(winnowPositions(values, w)).toEqual(expected);
  });
});

describe("kgramHashes", () => {
  it("gives one hash per k-gram, equal for equal k-grams and different for a changed token", () => {
    const t = ["a", "b", "c", "a", "b", "c", "d"].map(tokenHash);
    const h = kgramHashes(t, 3);
    expect(h).toHaveLength(5);
    expect(h[0]).toBe(h[3]);
    expect(new Set(h).size).toBe(4);
    expect(h.every((x) => Number.isSafeInteger(x) && x >= 0)).toBe(true);
  });
});

describe("winnow", () => {
  it("gives no fingerprint to a text shorter than one k-gram, and one to a text of exactly one", () => {
    expect(winnow(proseTokens("trop court"), { k: 8, w: 4 })).toEqual([]);
    const text = "un deux trois quatre cinq six sept huit";
    expect(winnow(proseTokens(text), { k: 8, w: 4 })).toEqual([
      expect.objectContaining({ start: 0, end: text.length }),
    ]);
  });

  it("finds any shared run of k + w - 1 words, wherever it sits", () => {
    const { k, w } = WINNOW_PARAMS.readme;
    const run = "le cache de couches rend la reconstruction rapide quand seul le code change ici";
    expect(run.split(" ").length).toBeGreaterThanOrEqual(k + w - 1);
    for (const [before, after] of [
      ["", ""],
      ["alpha beta gamma delta", "epsilon zeta"],
      ["un deux trois quatre cinq six sept huit neuf dix onze", "douze"],
    ]) {
      const a = hashes("readme", `${before} ${run} ${after}`);
      const b = hashes("readme", `autre debut sans rapport ${run} et une autre fin encore`);
      expect([...a].some((h) => b.has(h))).toBe(true);
    }
  });

  it("records where each fingerprint sits in the original text: exactly its k words", () => {
    const text =
      "# Étape 1\n\nLe conteneur écoute sur 0.0.0.0 pour accepter les connexions venant de l'hôte.\n";
    for (const f of fingerprintText("readme", text)) {
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.end).toBeLessThanOrEqual(text.length);
      expect(proseTokens(text.slice(f.start, f.end))).toHaveLength(WINNOW_PARAMS.readme.k);
    }
  });

  it("is blind to case, accents, punctuation, Markdown and line breaks in prose", () => {
    const a = "La différence : `ENTRYPOINT` fixe le programme, alors que CMD donne des arguments par défaut.";
    const b =
      "la difference  ENTRYPOINT\nfixe le **programme** alors que cmd\ndonne des ARGUMENTS par defaut";
    expect(hashes("readme", a)).toEqual(hashes("readme", b));
  });

  it("is blind to comments, quotes, blank lines and renamed variables in Python", () => {
    const a = 'def pick(quotes):\n    """Une au hasard."""\n    return random.choice(quotes)  # tirage\n';
    const b = "\n\ndef choose(items):\n    '''Une au hasard.'''\n\n    return random.choice(items)\n";
    expect(hashes("app", a)).toEqual(hashes("app", b));
    expect(hashes("app", a)).not.toEqual(hashes("app", a.replace("random.choice", "secrets.choice")));
  });
});
