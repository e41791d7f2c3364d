import { describe, expect, it } from "vitest";
import { patternInWords } from "./pattern-words.js";

describe("patternInWords", () => {
  it.each([
    ["gunicorn", '"gunicorn"'],
    ["^gunicorn\\b", '"gunicorn"'],
    ["etape\\s*6|quiz", '"etape 6" / "quiz"'],
    ["bilan|synth[eè]se|conclusion", '"bilan" / "synthese" / "conclusion"'],
    ["^COPY", '"COPY"'],
    ["Traceback", '"Traceback"'],
    ["pip install .*requirements\\.txt", '"pip install …requirements.txt"'],
    ["(?:hello|hi) world", '"hello|hi world"'],
  ])("%s reads %s", (pattern, words) => {
    expect(patternInWords(pattern)).toBe(words);
  });
  it("never returns regex syntax for the bundled rubrics' patterns", () => {
    for (const p of ["etape\\s*1\\b", "^step\\s*2\\b", "r[ée]capitulatif", "\\d+ MB"])
      expect(patternInWords(p)).not.toMatch(/\\|\[|\^|\$|\*|\+/);
  });
});
