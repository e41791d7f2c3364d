import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import graph reads CLI → engine → graders → graders/kit → docker/report primitives, with no arrow
 * back up. Each rule names the files it binds and returns, for one import, why it is not allowed.
 */
const root = path.resolve(import.meta.dirname, "..", "..");

const isTest = (file: string) => /\.test\.ts$/.test(file);
/** `graders/<id>/…` or `graders/<id>.ts` → `<id>`; kit, codes and index are not graders. */
function graderOf(file: string): string | undefined {
  const m = /^graders\/([^/]+?)(?:\.ts$|\/)/.exec(file);
  if (!m?.[1] || ["kit", "codes", "index", "__fixtures__"].includes(m[1])) return undefined;
  return m[1].replace(/\.(docker\.|ocr\.)?test$/, "");
}
const graderFolder = (target: string) => /^graders\/([^/]+)\//.exec(target)?.[1];

function violation(file: string, target: string): string | undefined {
  const own = graderOf(file);
  const folder = graderFolder(target);
  if (own && folder && folder !== own && !["kit", "codes", "__fixtures__"].includes(folder))
    return `grader ${own} reaches into grader ${folder}'s private folder (shared code goes in graders/kit/)`;
  if (file.startsWith("graders/kit/") && !isTest(file) && target.startsWith("graders/")) {
    if (!target.startsWith("graders/kit/") && !target.startsWith("graders/codes/"))
      return "graders/kit/ imports no grader";
  }
  if (file.startsWith("src/") && target.startsWith("graders/") && !isTest(file)) {
    const allowed = ["src/commands/", "src/docs/"].some((p) => file.startsWith(p));
    if (!allowed && !["src/program.ts", "src/index.ts"].includes(file))
      return "only the CLI layer (src/commands/, src/program.ts, src/index.ts) and src/docs/ import graders";
  }
  if (/^src\/(docker|report|i18n|dockerfile)\//.test(file) && !isTest(file)) {
    if (/^src\/(engine|batch|commands)\//.test(target) || target === "src/program.ts")
      return "primitives (src/docker, src/report, src/i18n, src/dockerfile) import nothing from the engine or the CLI";
  }
  return undefined;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "__fixtures__" && entry.name !== "node_modules") sources(rel, out);
    } else if (entry.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

/** Relative import specifiers, static (`from`, `import "…"`) and dynamic (`import("…")`), as repository paths. */
function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
    const spec = m[1] as string;
    found.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, ".ts"));
  }
  return found;
}

describe("import boundaries", () => {
  it("catch a synthetic violation of each rule", () => {
    const text =
      'import { a } from "../http/messages.js";\nconst b = await import("../../graders/index.js");';
    expect(importsOf("graders/volume/judge.ts", text)).toEqual([
      "graders/http/messages.ts",
      "graders/index.ts",
    ]);
    expect(violation("graders/volume/judge.ts", "graders/http/messages.ts")).toMatch(/grader volume/);
    expect(violation("graders/volume.ts", "graders/http/start.ts")).toMatch(/grader volume/);
    expect(violation("graders/volume.ts", "graders/volume/judge.ts")).toBeUndefined();
    expect(violation("graders/volume.ts", "graders/kit/app/start.ts")).toBeUndefined();
    expect(violation("graders/kit/image-layers.ts", "graders/layers/judge.ts")).toMatch(/kit/);
    expect(violation("src/engine/grade-source.ts", "graders/index.ts")).toMatch(/CLI layer/);
    expect(violation("src/commands/check.ts", "graders/index.ts")).toBeUndefined();
    expect(violation("src/docker/backend.ts", "src/engine/grade-source.ts")).toMatch(/primitives/);
  });

  it("hold for every source file", () => {
    const problems: string[] = [];
    for (const file of [...sources("graders"), ...sources("src")]) {
      for (const target of importsOf(file, readFileSync(path.join(root, file), "utf8"))) {
        const why = violation(file, target);
        if (why) problems.push(`${file} → ${target}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
