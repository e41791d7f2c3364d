import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { paramsFor, reportContext } from "../src/markdown/testkit.js";
import { registry } from "./index.js";

// The checks the lead pastes into the rubric, exactly as written in docs/snippets.
const checks = ["quiz-check.yaml", "report-checks.yaml"].flatMap(
  (file) =>
    parse(readFileSync(new URL(`../docs/snippets/${file}`, import.meta.url), "utf8")) as Array<{
      id: string;
      grader: string;
      params?: Record<string, unknown>;
    }>,
);
const folder = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

async function grade(dir: string, check: (typeof checks)[number]) {
  const grader = registry.get(check.grader);
  if (!grader) throw new Error(`no grader ${check.grader}`);
  return grader.run(reportContext(dir, "README.md", "fr"), paramsFor(grader, check.params ?? {}));
}

describe("the report snippets", () => {
  it.each(checks.map((c) => [c.id, c] as const))(
    "%s gives the complete example full marks",
    async (_id, check) => {
      const result = await grade(folder("../submissions-example/complete"), check);
      const problems = result.findings.filter((f) => f.severity === "problem");
      expect(problems, JSON.stringify(problems)).toEqual([]);
      expect(result).toMatchObject({ status: "pass", credit: 1 });
    },
  );

  it.each(checks.map((c) => [c.id, c] as const))(
    "%s does not give a thin report full marks",
    async (_id, check) => {
      const result = await grade(folder("./__fixtures__/report-weak"), check);
      expect(result.status).not.toBe("pass");
      expect(result.credit ?? 0).toBeLessThan(0.5);
    },
  );
});

describe("the report graders' messages", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each(["quiz", "report-section", "evidence", "screenshots"])(
    "%s says the same things in fr and en",
    (id) => {
      const grader = registry.get(id);
      expect(grader).toBeDefined();
      for (const [messageId, text] of Object.entries(grader?.messages ?? {}))
        expect(placeholders(text.fr), `${id}.${messageId}`).toEqual(placeholders(text.en));
    },
  );
});
