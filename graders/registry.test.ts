import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "./index.js";

// Keeps the house in order: every grader file is registered under its file name, is tested, and speaks
// both languages. Adding a grader touches three places: its file, its tests, one registry line.
const graderFiles = readdirSync("graders")
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "index.ts")
  .map((name) => name.slice(0, -3));

describe("grader registry", () => {
  it("registers every grader file under its file name, sorted", () => {
    expect([...registry.keys()]).toEqual([...graderFiles].sort());
    for (const [id, grader] of registry) expect(grader.id).toBe(id);
  });

  it.each(graderFiles)("%s has tests beside it", (id) => {
    const tests = [`graders/${id}.test.ts`, `graders/${id}.docker.test.ts`].filter((file) =>
      existsSync(file),
    );
    expect(tests.length, `graders/${id}.test.ts or graders/${id}.docker.test.ts`).toBeGreaterThan(0);
  });

  it.each([...registry.values()].map((g) => [g.id, g] as const))(
    "%s has every message in French and English",
    (_id, grader) => {
      expect(grader.description.fr.length).toBeGreaterThan(0);
      expect(grader.description.en.length).toBeGreaterThan(0);
      for (const [messageId, message] of Object.entries(grader.messages)) {
        expect(message.fr, `${grader.id}.${messageId} (fr)`).toMatch(/\S/);
        expect(message.en, `${grader.id}.${messageId} (en)`).toMatch(/\S/);
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(
          placeholders(message.fr),
          `${grader.id}.${messageId}: same placeholders in both languages`,
        ).toEqual(placeholders(message.en));
      }
    },
  );
});
