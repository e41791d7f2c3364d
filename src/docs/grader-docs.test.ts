import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { graderReference } from "./grader-docs.js";

describe("docs/graders.md", () => {
  it("is the one generated from the registry (run `npm run docs`)", () => {
    expect(readFileSync("docs/graders.md", "utf8")).toBe(graderReference(registry));
  });

  it("documents every registered grader with its parameters", () => {
    const text = graderReference(registry);
    for (const id of registry.keys()) expect(text).toContain(`## ${id}\n`);
    expect(text).toContain("| `paths` | list of string | *(required)* |");
  });
});
