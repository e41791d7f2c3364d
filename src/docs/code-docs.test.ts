import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CODES } from "../../graders/codes/all-codes.js";
import { codeReference } from "./code-docs.js";

// The codes findings carry, read from the source: a string literal such as "DF003" or "B014".
function codesInSource(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "codes" && entry.name !== "__fixtures__") walk(file);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
        for (const m of readFileSync(file, "utf8").matchAll(/"((?:DF|B|CL|TG|LY|IS|IC)\d{3})"/g))
          found.add(m[1] as string);
    }
  };
  walk("graders");
  walk("src");
  return found;
}

describe("docs/codes.md", () => {
  it("is the one generated from graders/codes/ (run `npm run docs`)", () => {
    expect(readFileSync("docs/codes.md", "utf8")).toBe(codeReference(CODES));
  });

  it("has one entry for each code a finding can carry, and none for a code no finding carries", () => {
    const documented = CODES.map((c) => c.code);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...codesInSource()].sort());
  });

  it.each(CODES.map((c) => [c.code, c] as const))(
    "%s says what, why and how to fix, in both languages",
    (_code, c) => {
      for (const text of [c.checks, c.why, c.fix]) {
        expect(text.en).toMatch(/\S.*[.)]$/);
        expect(text.fr).toMatch(/\S.*[.)]$/);
        expect(text.fr).not.toBe(text.en);
      }
      expect(c.example).toMatch(/\S/);
    },
  );
});
