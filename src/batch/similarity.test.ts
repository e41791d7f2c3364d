import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findSimilarPairs } from "./similarity.js";
import type { SimilarityDoc, SimilarityKind } from "./types.js";

const fixture = (name: string) =>
  readFileSync(new URL(`__fixtures__/similarity/${name}`, import.meta.url), "utf8");
const FILE: Record<SimilarityKind, string> = { readme: "README.md", dockerfile: "Dockerfile", app: "app.py" };
const doc = (owner: string, kind: SimilarityKind, text: string): SimilarityDoc => ({
  owner,
  kind,
  file: FILE[kind],
  text,
});
const summary = (docs: SimilarityDoc[], options?: Parameters<typeof findSimilarPairs>[1]) =>
  findSimilarPairs(docs, options).map((p) => `${p.a}|${p.b}|${p.kind}|${p.reference}`);

/** Paragraphs in reverse order, lines re-wrapped at 60 columns, accents removed, every other one in capitals. */
function disguise(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .reverse()
    .map((paragraph, i) => {
      const flat = paragraph.replace(/\s+/g, " ").normalize("NFD").replace(/\p{M}/gu, "");
      const cased = i % 2 === 0 ? flat.toUpperCase() : flat;
      return cased.replace(/(.{1,60})(\s|$)/g, "$1\n").trim();
    })
    .join("\n\n");
}

const independent = [
  doc("alice", "readme", fixture("alice.md")),
  doc("bob", "readme", fixture("bob.md")),
  doc("carol", "readme", fixture("carol.md")),
  doc("alice", "dockerfile", fixture("alice.Dockerfile")),
  doc("bob", "dockerfile", fixture("bob.Dockerfile")),
  doc("alice", "app", fixture("alice.py")),
  doc("bob", "app", fixture("bob.py")),
];

describe("findSimilarPairs", () => {
  it("gives an identical copy a score of 1, in every kind, and names the pair in order", () => {
    const copies = independent.filter((d) => d.owner === "alice").map((d) => ({ ...d, owner: "zoe" }));
    const pairs = findSimilarPairs([...copies, ...independent]);
    expect(pairs.map((p) => [p.a, p.b, p.kind, p.score, p.reference])).toEqual([
      ["alice", "zoe", "readme", 1, false],
      ["alice", "zoe", "dockerfile", 1, false],
      ["alice", "zoe", "app", 1, false],
    ]);
  });

  it("does not flag independent answers to the same questions, even with a low threshold", () => {
    expect(summary(independent)).toEqual([]);
    expect(summary(independent, { threshold: 0.1, minShared: 1 })).toEqual([]);
  });

  it("sees through reordered paragraphs, new line breaks, capitals and removed accents", () => {
    const copy = disguise(fixture("alice.md"));
    expect(copy).not.toContain("Étape");
    const [pair] = findSimilarPairs([...independent, doc("mallory", "readme", copy)]);
    expect(pair).toMatchObject({ a: "alice", b: "mallory", kind: "readme", reference: false });
    // Each paragraph boundary costs the k-grams that straddle it: short paragraphs lose more.
    expect(pair?.score).toBeGreaterThanOrEqual(0.6);
  });

  it("sees through a reformatted Dockerfile and a Python file with renamed names", () => {
    const pairs = findSimilarPairs([
      ...independent,
      doc("mallory", "dockerfile", fixture("alice-reformatted.Dockerfile")),
      doc("mallory", "app", fixture("alice-renamed.py")),
    ]);
    expect(pairs.map((p) => `${p.a}|${p.b}|${p.kind}`)).toEqual([
      "alice|mallory|dockerfile",
      "alice|mallory|app",
    ]);
    expect(pairs[1]?.score).toBeGreaterThanOrEqual(0.7);
  });

  it("never counts starter code given to everyone, but still finds a copied own part", () => {
    const starter = fixture("starter.py");
    const students = [
      doc("sam", "app", `${starter}\n\n${fixture("own-a.py")}`),
      doc("tom", "app", `${starter}\n\n${fixture("own-b.py")}`),
    ];
    const base = [doc("base", "app", starter)];
    expect(summary(students, { threshold: 0.3 })).toEqual(["sam|tom|app|false"]);
    expect(summary(students, { threshold: 0.3, base })).toEqual([]);
    const copier = doc("uma", "app", `${fixture("own-a.py")}\n\n${starter}`);
    const pairs = findSimilarPairs([...students, copier], { base });
    expect(pairs.map((p) => [p.a, p.b])).toEqual([["sam", "uma"]]);
    // Only the k-grams straddling the moved starter code differ.
    expect(pairs[0]?.score).toBeGreaterThanOrEqual(0.9);
    expect(pairs[0]?.passages[0]?.a).toContain("def search_quotes():");
    expect(pairs[0]?.passages.some((p) => p.a.includes("ensure_ascii"))).toBe(false);
  });

  it("flags a report copied from a published reference, with the shared sentences on both sides", () => {
    const references = [doc("reference:published.md", "readme", fixture("published.md"))];
    const pairs = findSimilarPairs([...independent, doc("dave", "readme", fixture("dave.md"))], {
      references,
    });
    expect(pairs.map((p) => [p.a, p.b, p.kind, p.reference])).toEqual([
      ["dave", "reference:published.md", "readme", true],
    ]);
    const sentence = "bound to 127.0.0.1 only accepts connections";
    const passage = pairs[0]?.passages.find((p) => p.a.includes(sentence));
    expect(passage?.b).toContain(sentence);
  });

  it("does not compare references with each other", () => {
    const text = fixture("published.md");
    const references = [doc("reference:a.md", "readme", text), doc("reference:b.md", "readme", text)];
    expect(findSimilarPairs(independent, { references })).toEqual([]);
  });

  it("shows the shared sentence, as each student wrote it, on both sides", () => {
    const copy = disguise(fixture("alice.md"));
    const [pair] = findSimilarPairs(
      [doc("alice", "readme", fixture("alice.md")), doc("eve", "readme", copy)],
      {
        maxPassages: 10,
      },
    );
    const passage = pair?.passages.find((p) => p.a.includes("un modèle figé en lecture seule"));
    expect(passage?.b).toContain("UN MODELE FIGE EN LECTURE SEULE");
    for (const p of pair?.passages ?? []) {
      expect(p.a.split("\n").length).toBeLessThanOrEqual(13);
      expect(p.b.split("\n").length).toBeLessThanOrEqual(13);
    }
  });

  it("returns at most maxPassages passages, the longest first", () => {
    const copy = disguise(fixture("alice.md"));
    const docs = [doc("alice", "readme", fixture("alice.md")), doc("eve", "readme", copy)];
    const all = findSimilarPairs(docs, { maxPassages: 100 })[0]?.passages ?? [];
    const two = findSimilarPairs(docs, { maxPassages: 2 })[0]?.passages ?? [];
    expect(all.length).toBeGreaterThan(2);
    expect(two).toEqual(all.slice(0, 2));
  });

  it("ignores two tiny identical files and never pairs a student with themselves", () => {
    const tiny = "FROM python:3.12-slim\nCMD python app.py\n";
    expect(summary([doc("a", "dockerfile", tiny), doc("b", "dockerfile", tiny)])).toEqual([]);
    expect(summary([doc("a", "dockerfile", tiny), doc("b", "dockerfile", tiny)], { minShared: 1 })).toEqual([
      "a|b|dockerfile|false",
    ]);
    const text = fixture("alice.md");
    expect(summary([doc("a", "readme", text), { ...doc("a", "readme", text), file: "notes.md" }])).toEqual(
      [],
    );
  });

  it("treats a text shared by more students than maxOwners as common knowledge", () => {
    const text = fixture("alice.Dockerfile");
    const docs = ["p", "q", "r", "s"].map((owner) => doc(owner, "dockerfile", text));
    expect(summary(docs)).toHaveLength(6);
    expect(summary(docs, { maxOwners: 3 })).toEqual([]);
  });

  it("gives the same answer whatever the order of the docs", () => {
    const docs = [
      ...independent,
      doc("mallory", "readme", disguise(fixture("alice.md"))),
      doc("mallory", "app", fixture("alice-renamed.py")),
      doc("dave", "readme", fixture("dave.md")),
      doc("zoe", "dockerfile", fixture("alice.Dockerfile")),
    ];
    const references = [doc("reference:published.md", "readme", fixture("published.md"))];
    const forward = findSimilarPairs(docs, { references });
    expect(forward.length).toBe(4);
    expect(findSimilarPairs([...docs].reverse(), { references })).toEqual(forward);
    const scores = forward.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});
