import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// What the docs promise exists: every `npm run X` they cite is a script, and package.json's entry
// points name files the build makes (the build itself is run by src/cli.test.ts).
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const docs = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("the documentation's promises", () => {
  it.each(docs)("%s cites only npm scripts that exist", (file) => {
    const cited = [...readFileSync(file, "utf8").matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
    for (const script of cited)
      expect(Object.keys(pkg.scripts), `${file}: npm run ${script}`).toContain(script);
  });

  it("exports the built library entry, with its types, from src/index.ts", () => {
    expect(pkg.exports["."]).toEqual({ types: "./dist/src/index.d.ts", default: "./dist/src/index.js" });
    expect(readFileSync("src/index.ts", "utf8")).toMatch(/export /);
  });
});
