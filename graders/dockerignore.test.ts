import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contextFor, runWithDefaults } from "../src/grader/test-context.js";
import dockerignore from "./dockerignore.js";

const run = (dir: string, params: Record<string, unknown> = {}) =>
  runWithDefaults(dockerignore, contextFor(dir), params);

describe("dockerignore grader", () => {
  it("passes the complete example: the rules exclude .git, .venv and caches, and the context is small", async () => {
    const result = await run("submissions-example/complete");
    expect(result).toMatchObject({ status: "pass", credit: 1 });
  });

  it("fails a submission with no .dockerignore and a committed .venv, naming the heavy folder", async () => {
    const result = await run("submissions-example/fat-context");
    expect(result.status).toBe("fail");
    const messages = result.findings.map((f) => f.messageId);
    expect(messages).toEqual(["absent", "notExcluded", "notExcluded", "notExcluded", "contextLarge"]);
    const large = result.findings.find((f) => f.messageId === "contextLarge");
    expect(Number(large?.data?.files)).toBeGreaterThan(1500);
    expect(String(large?.data?.largest)).toMatch(/^\.venv \(15\d\d, /);
  });

  it("gives partial credit for rules that forget a folder, and suggests the line to add", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-ignore-"));
    await writeFile(path.join(dir, ".dockerignore"), ".git\n__pycache__\n");
    await writeFile(path.join(dir, "app.py"), "print(1)\n");
    await writeFile(path.join(dir, "Dockerfile"), "FROM python:3.12-slim\n");
    const result = await run(dir);
    expect(result.status).toBe("partial");
    expect(result.credit).toBeCloseTo(4 / 5);
    expect(result.findings.find((f) => f.messageId === "notExcluded")?.data).toEqual({
      path: ".venv/pyvenv.cfg",
      suggestion: ".venv",
    });
  });

  it("follows Docker's case-sensitive matching", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-ignore-"));
    await writeFile(path.join(dir, ".dockerignore"), ".GIT\n.venv\n__pycache__\n");
    await writeFile(path.join(dir, "Dockerfile"), "FROM python:3.12-slim\n");
    const result = await run(dir, { mustExclude: [".git/HEAD"] });
    expect(result.findings.map((f) => f.messageId)).toContain("notExcluded");
  });
});

describe("dockerignore grader, nothing to judge", () => {
  it.each([
    ["an empty folder", {}],
    ["a .dockerignore but no Dockerfile", { ".dockerignore": ".git\n.venv\n__pycache__\n*.pyc\n" }],
    ["a Dockerfile saved under another name", { "Docker file": "FROM python:3.12-slim\n" }],
  ])("credits nothing for %s: no Dockerfile, no build context", async (_, files) => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-ignore-"));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    const result = await run(dir);
    expect(result).toMatchObject({ status: "skipped" });
    expect(result.credit ?? 0).toBe(0);
    expect(result.findings.map((f) => f.messageId)).toEqual(["noDockerfile"]);
  });
});

describe("dockerignore grader, lab in a sub-folder", () => {
  it("does not ask to exclude .git, which lives above the build context", async () => {
    const result = await runWithDefaults(
      dockerignore,
      contextFor("submissions-example/subfolder-lab", { root: "tp1" }),
      {},
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.find((f) => f.messageId === "gitOutside")?.data).toEqual({
      path: ".git/HEAD",
      root: "tp1",
    });
  });
});
