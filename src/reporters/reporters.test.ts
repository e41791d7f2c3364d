import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { reportErrors } from "../report/validate.js";
import { reporters } from "./index.js";

const report = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;
const english: Report = { ...report, lang: "en" };

describe("reporters render the JSON report, and nothing else", () => {
  it("the fixture is a valid report", () => {
    expect(reportErrors(report)).toEqual([]);
  });

  it("text, French, no colour, hidden checks left out", async () => {
    await expect(reporters.text(report, { color: false, showHidden: false })).toMatchFileSnapshot(
      "__fixtures__/report.fr.txt",
    );
  });

  it("text, English, hidden checks shown", async () => {
    await expect(reporters.text(english, { color: false, showHidden: true })).toMatchFileSnapshot(
      "__fixtures__/report.en.txt",
    );
  });

  it("text with colour uses ANSI escapes, without colour none", () => {
    expect(reporters.text(report, { color: true, showHidden: false })).toContain("\u001b[");
    expect(reporters.text(report, { color: false, showHidden: false })).not.toContain("\u001b[");
  });

  it("Markdown escapes table-breaking text", async () => {
    const markdown = reporters.md(report, { color: false, showHidden: true });
    expect(markdown).toContain("CMD en forme shell \\| attendu");
    expect(markdown).toContain("&lt;oops&gt;");
    await expect(markdown).toMatchFileSnapshot("__fixtures__/report.fr.md");
  });

  it("JSON round-trips", () => {
    expect(JSON.parse(reporters.json(report, { color: false, showHidden: false }))).toEqual(report);
  });

  it("GitHub Classroom: one test per check, scores that add up, hidden checks silent", () => {
    const result = JSON.parse(reporters.classroom(report));
    expect(result).toMatchObject({ version: 1, status: "error", max_score: 20 });
    expect(result.tests.map((t: { status: string; score: number }) => [t.status, t.score])).toEqual([
      ["pass", 5],
      ["fail", 2.5],
      ["fail", 0],
      ["error", 0],
      ["fail", 0],
    ]);
    const total = result.tests.reduce((n: number, t: { score: number }) => n + t.score, 0);
    expect(total).toBe(report.score);
    const hidden = result.tests[3];
    expect(hidden).toMatchObject({ name: "Étape 2 — Dockerfile — •••", message: "", test_code: "" });
    expect(result.tests[2].message).toBe("Non exécutée : Docker indisponible.");
    expect(result.tests.map((t: { test_code: string }) => t.test_code)).toEqual(["", "", "", "", ""]);
  });
});
