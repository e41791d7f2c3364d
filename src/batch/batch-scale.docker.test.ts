// Forty submissions with the full course rubric at --jobs 8 on this 2-core machine: the engine is shared
// without exhausting its networks or timing checks out, so no check ends in a harness error.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, dockgrade, EXAMPLES } from "./test-class.js";
import type { ClassSummary } from "./types.js";

const EXAMPLE_NAMES = [
  "complete",
  "shell-form-cmd",
  "build-fails",
  "localhost-bind",
  "thin-report",
  "flask-dev-server",
  "requirements-case",
  "subfolder-lab",
  "fat-context",
  "complete",
];
let base: string;
let run: CliRun;
let summary: ClassSummary;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "dockgrade-scale-"));
  for (let i = 0; i < 40; i++) {
    const example = EXAMPLE_NAMES[i % EXAMPLE_NAMES.length] as string;
    await cp(
      path.join(EXAMPLES, example),
      path.join(base, "class", `s${String(i).padStart(2, "0")}-${example}`),
      {
        recursive: true,
      },
    );
  }
  run = await dockgrade(["batch", path.join(base, "class"), "--jobs", "8", "--out", path.join(base, "out")]);
  summary = JSON.parse(await readFile(path.join(base, "out/summary.json"), "utf8")) as ClassSummary;
}, 1_200_000);

afterAll(() => rm(base, { recursive: true, force: true }));

describe("a class of 40 at --jobs 8", () => {
  it("grades every submission, with no check the harness could not finish", () => {
    expect(run.code, run.stderr).toBe(0);
    expect(summary.stats).toMatchObject({ count: 40, graded: 40, errors: 0 });
    const harness = summary.submissions.filter((row) => row.harnessErrors.length > 0);
    expect(harness.map((row) => `${row.id}: ${row.harnessErrors.join(", ")}`)).toEqual([]);
  });

  it("gives every copy of one example the same score", () => {
    const byExample = new Map<string, Set<number>>();
    for (const row of summary.submissions) {
      const example = row.id.replace(/^s\d+-/, "");
      byExample.set(example, (byExample.get(example) ?? new Set()).add(row.score ?? -1));
    }
    for (const [example, scores] of byExample)
      expect([example, [...scores]]).toEqual([example, [[...scores][0]]]);
    expect([...(byExample.get("complete") ?? [])]).toEqual([100]);
  });

  it("notes copied lab reports on the quiz check of each copy, without changing its score", async () => {
    const report = JSON.parse(await readFile(path.join(base, "out/s00-complete/report.json"), "utf8"));
    const quiz = report.steps
      .flatMap((s: { checks: unknown[] }) => s.checks)
      .find((c: { grader: string }) => c.grader === "quiz");
    const similar = quiz.findings.filter((f: { messageId: string }) => f.messageId === "batch.similar");
    expect(similar.length).toBeGreaterThan(0);
    expect(similar[0].data).toMatchObject({ percent: 100 });
    expect(quiz.score).toBe(quiz.maxScore);
    expect(await readFile(path.join(base, "out/s00-complete/report.md"), "utf8")).toContain(
      "Pour l'enseignant",
    );
  });
});
