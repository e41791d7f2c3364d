import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { CLASS_CACHE, type ClassCache, readClassCache, reusePlan, similarityKey } from "./class-cache.js";
import { finalizeClass } from "./finalize.js";
import { gradedRow } from "./rows.js";
import { type BatchManifest, readReport, saveGraded, saveResult } from "./store.js";
import { memberReport } from "./summary-testkit.js";
import type { SimilarityDoc, SimilarityPair } from "./types.js";

const text = (name: string) =>
  readFileSync(new URL(`./__fixtures__/similarity/${name}`, import.meta.url), "utf8");
const readme = (owner: string, body: string): SimilarityDoc => ({
  owner,
  kind: "readme",
  file: "README.md",
  text: body,
});
const pair = (a: string, b: string): SimilarityPair => ({
  a,
  b,
  kind: "readme",
  score: 1,
  reference: false,
  passages: [],
});

describe("reusePlan", () => {
  const previous: ClassCache = {
    version: 1,
    similarityKey: "k1",
    pairs: [pair("alice", "zoe")],
    reports: { alice: "ra", bob: "rb", zoe: "rz" },
  };
  const reports = [
    { id: "alice", digest: "ra" },
    { id: "bob", digest: "rb" },
    { id: "zoe", digest: "rz" },
  ];

  it("reuses the pairs and reads no report when nothing changed", () => {
    expect(reusePlan(previous, { similarityKey: "k1", reports })).toEqual({
      pairs: previous.pairs,
      flag: [],
    });
  });

  it("flags again only the reports that are not the ones the last run left", () => {
    const regraded = [reports[0], { id: "bob", digest: "rb2" }, reports[2], { id: "new", digest: "n" }];
    expect(reusePlan(previous, { similarityKey: "k1", reports: regraded as typeof reports })).toEqual({
      pairs: previous.pairs,
      flag: ["bob", "new"],
    });
  });

  it("computes everything again when the texts changed, or without a usable last run", () => {
    const all = { flag: ["alice", "bob", "zoe"] };
    expect(reusePlan(previous, { similarityKey: "k2", reports })).toEqual(all);
    expect(reusePlan(undefined, { similarityKey: "k1", reports })).toEqual(all);
  });

  it("never flags a student whose report cannot be read", () => {
    const missing = [{ id: "alice" }, ...reports.slice(1)];
    expect(reusePlan(undefined, { similarityKey: "k1", reports: missing }).flag).toEqual(["bob", "zoe"]);
  });
});

describe("similarityKey", () => {
  const base = {
    docs: [
      { id: "alice", digest: "a" },
      { id: "bob", digest: "b" },
    ],
    toolVersion: "1.0.0",
  };

  it("changes with every input of the pairs, and only with them", () => {
    const keys = [
      similarityKey(base),
      similarityKey({ ...base, docs: [base.docs[0] as { id: string; digest: string }] }),
      similarityKey({ ...base, docs: [{ id: "alice", digest: "a2" }, base.docs[1]] as typeof base.docs }),
      similarityKey({ ...base, docs: [...base.docs].reverse() }),
      similarityKey({ ...base, baseDocs: [readme("base", "starter")] }),
      similarityKey({ ...base, referenceDocs: [readme("reference:x.md", "published")] }),
      similarityKey({ ...base, toolVersion: "1.0.1" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(similarityKey({ ...base, docs: base.docs.map((d) => ({ ...d })) })).toBe(keys[0]);
  });
});

// finalizeClass on a class folder as the batch leaves it: alice and zoe hand in the same lab report.
const quiz = {
  id: "quiz-answers",
  grader: "quiz",
  status: "pass" as const,
  score: 10,
  maxScore: 10,
  message: "All answered.",
  visibility: "visible" as const,
  durationMs: 1,
  findings: [],
};
const report: Report = memberReport([{ id: "s1", title: "Quiz", score: 10, maxScore: 10, checks: [quiz] }]);
const students: Record<string, string> = {
  alice: text("alice.md"),
  bob: text("bob.md"),
  zoe: text("alice.md"),
};
const manifest: BatchManifest = {
  version: 1,
  rubric: { id: "r", title: "R", digest: "d", maxScore: 10 },
  lang: "en",
  columns: ["source"],
  steps: [{ id: "s1", title: "Quiz", maxScore: 10 }],
  checks: [{ id: "quiz-answers", title: "Quiz", stepId: "s1" }],
  entries: Object.keys(students).map((id) => ({ id, columns: { source: id } })),
};
const options = { toolVersion: "1.0.0", now: new Date("2026-12-02T00:00:00Z") };

let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), "dockgrade-finalize-"));
  for (const [id, body] of Object.entries(students)) await grade(id, body);
});
afterEach(() => rm(out, { recursive: true, force: true }));

/** What the batch records for a graded student: report, texts, then result.json. */
async function grade(id: string, body: string): Promise<void> {
  const row = gradedRow({ id, columns: { source: id } }, report);
  await saveGraded(out, { version: 1, row, key: id, rubricDigest: "d", lang: "en" }, report, [
    readme(id, body),
  ]);
}

const similarNotes = async (id: string) =>
  (await readReport(out, id))?.steps[0]?.checks[0]?.findings.filter((f) => f.messageId === "batch.similar")
    .length;
const identity = async (id: string) => {
  const info = await stat(path.join(out, id, "report.json"), { bigint: true });
  return `${info.ino}:${info.mtimeNs}`;
};

describe("finalizeClass", () => {
  it("flags the copied reports once, then reuses the pairs and leaves the reports alone", async () => {
    const first = await finalizeClass(out, manifest, options);
    expect(first.similarity.map((p) => [p.a, p.b])).toEqual([["alice", "zoe"]]);
    expect([await similarNotes("alice"), await similarNotes("bob"), await similarNotes("zoe")]).toEqual([
      1, 0, 1,
    ]);
    const before = await Promise.all(["alice", "bob", "zoe"].map(identity));
    await rm(path.join(out, "index.html"));
    await writeFile(path.join(out, "summary.json"), "{ half writ");
    const again = await finalizeClass(out, manifest, { ...options, now: new Date("2026-12-03T00:00:00Z") });
    expect(again.similarity).toEqual(first.similarity);
    expect(await Promise.all(["alice", "bob", "zoe"].map(identity))).toEqual(before);
    expect(JSON.parse(await readFile(path.join(out, "summary.json"), "utf8")).generatedAt).toBe(
      "2026-12-03T00:00:00.000Z",
    );
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain("zoe");
  });

  it("takes the pairs from the last run while their input is unchanged", async () => {
    await finalizeClass(out, manifest, options);
    const cache = (await readClassCache(out)) as ClassCache;
    const marked = cache.pairs.map((p) => ({ ...p, score: 0.99 }));
    await writeFile(path.join(out, CLASS_CACHE), JSON.stringify({ ...cache, pairs: marked }));
    expect((await finalizeClass(out, manifest, options)).similarity).toEqual(marked);
    await writeFile(path.join(out, CLASS_CACHE), JSON.stringify({ ...cache, similarityKey: "other" }));
    expect((await finalizeClass(out, manifest, options)).similarity).toEqual(cache.pairs);
  });

  it("gives a report graded again its similar finding back, the pairs unchanged", async () => {
    await finalizeClass(out, manifest, options);
    await grade("zoe", students.zoe as string); // --force: the report is written again, without the note
    expect(await similarNotes("zoe")).toBe(0);
    await finalizeClass(out, manifest, options);
    expect(await similarNotes("zoe")).toBe(1);
  });

  it("computes the pairs again when a student's texts change, and drops the stale note", async () => {
    await finalizeClass(out, manifest, options);
    await grade("zoe", text("carol.md"));
    const summary = await finalizeClass(out, manifest, options);
    expect(summary.similarity).toEqual([]);
    expect(await similarNotes("alice")).toBe(0);
  });

  it("computes the pairs again when a student is no longer graded, or the cache file is unusable", async () => {
    await finalizeClass(out, manifest, options);
    await writeFile(path.join(out, CLASS_CACHE), "not json");
    expect((await finalizeClass(out, manifest, options)).similarity).toHaveLength(1);
    expect((await readClassCache(out))?.pairs).toHaveLength(1);
    const row = { ...gradedRow({ id: "zoe", columns: {} }, report), status: "error" as const };
    await saveResult(out, { version: 1, row, rubricDigest: "d", lang: "en" });
    expect((await finalizeClass(out, manifest, options)).similarity).toEqual([]);
    expect(await similarNotes("alice")).toBe(0);
  });

  it("computes the pairs again with other starter code", async () => {
    await finalizeClass(out, manifest, options);
    const summary = await finalizeClass(out, manifest, {
      ...options,
      baseDocs: [readme("base", text("alice.md"))],
    });
    expect(summary.similarity).toEqual([]);
  });
});
