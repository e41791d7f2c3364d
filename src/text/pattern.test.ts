import { describe, expect, it } from "vitest";
import { countStepHeadings } from "../submission/resolve.js";
import { compilePattern, execPattern, matchesPattern, patternProblem } from "./pattern.js";

describe("rubric patterns: one flavour", () => {
  it.each([
    ["étape\\s*6", "## ETAPE 6", true],
    ["etape\\s*6", "Étape 6 — Quiz", true],
    ["^Traceback", "ok\nTraceback (most recent call last):", true],
    ["done$", "done\nnext", true],
    ["gunicorn", "gunicorn/20.1.0", true],
    ["^gunicorn", "Werkzeug/2.2.2", false],
    ["\\bcmd\\b", "CMD", true],
  ])("/%s/ on %j: %s", (pattern, text, expected) => {
    expect(matchesPattern(pattern, text)).toBe(expected);
  });

  it("compiles each source once", () => {
    expect(compilePattern("a+b")).toBe(compilePattern("a+b"));
    expect(compilePattern("a+b").flags).toBe("imu");
  });

  it("finds the match in raw text, accents ignored", () => {
    expect(execPattern("erreur", "Une ERREUR est survenue")?.[0]).toBe("ERREUR");
  });

  it("says why a pattern does not compile, and accepts plain phrases as they are", () => {
    expect(patternProblem("regex", "(unclosed")).toBe("Unterminated group");
    expect(patternProblem("regex", "a{2}")).toBeUndefined();
    expect(patternProblem("phrase", "(plain words are not patterns")).toBeUndefined();
    expect(patternProblem("phrase", "/[a-/")).toBe("Unterminated character class");
  });
});

describe("step headings (report.stepHeading)", () => {
  const report = "# TP\n## Étape 1\ntext\n### ETAPE 2 — Dockerfile\n#Etape 3\n## Step 4\n";
  it("counts the Markdown headings whose text matches", () => {
    expect(countStepHeadings(report, "^etape\\s*\\d")).toBe(3);
    expect(countStepHeadings(report, "^step\\s*\\d")).toBe(1);
  });
});
