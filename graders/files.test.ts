import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { contextFor, rendered, runWithDefaults } from "../src/grader/test-context.js";
import files from "./files.js";

let repo: string;
let secret: string;

beforeAll(async () => {
  const outside = await mkdtemp(path.join(tmpdir(), "dockgrade-outside-"));
  secret = path.join(outside, "secret.txt");
  await writeFile(secret, "TOP SECRET\n");
  repo = await mkdtemp(path.join(tmpdir(), "dockgrade-files-"));
  await mkdir(path.join(repo, "data"));
  await mkdir(path.join(repo, "tp1"));
  await writeFile(path.join(repo, "app.py"), "print('hi')\n");
  await writeFile(path.join(repo, "Requirements.txt"), "flask\n");
  await writeFile(path.join(repo, "empty.txt"), "");
  await writeFile(path.join(repo, "data", "quotes.txt"), "a quote\n");
  await symlink(secret, path.join(repo, "linked-secret.txt"));
  await symlink("data/quotes.txt", path.join(repo, "inner-link.txt"));
  await symlink(outside, path.join(repo, "outside-dir"));
  await writeFile(path.join(repo, "tp1", "Dockerfile"), "FROM python:3.12-slim\n");
});

const run = (params: Record<string, unknown>, root?: string) =>
  runWithDefaults(files, contextFor(repo, { root }), params);

describe("files grader", () => {
  it("passes when every file is present", async () => {
    const result = await run({ paths: ["app.py", "data/quotes.txt", "data/"] });
    expect(result).toMatchObject({ status: "pass", credit: 1 });
  });

  it("gives partial credit and names what is missing", async () => {
    const result = await run({ paths: ["app.py", "data/quotes.txt", "Dockerfile", ".dockerignore"] });
    expect(result).toMatchObject({ status: "partial", credit: 0.5 });
    expect(result.findings.filter((f) => f.messageId === "missing").map((f) => f.data?.path)).toEqual([
      "Dockerfile",
      ".dockerignore",
    ]);
  });

  it("spots a name that differs only by case", async () => {
    const result = await run({ paths: ["requirements.txt"] });
    expect(result.status).toBe("fail");
    expect(result.findings[0]).toMatchObject({
      messageId: "caseMismatch",
      data: { path: "requirements.txt", found: "Requirements.txt" },
    });
  });

  it.each([
    ["near-miss", "Docker file"],
    ["txt-extension", "Dockerfile.txt"],
  ])("names a Dockerfile saved under another name (%s) and how to rename it", async (repo, found) => {
    const result = await runWithDefaults(files, contextFor(`graders/__fixtures__/dockerfile/repos/${repo}`), {
      paths: ["Dockerfile"],
    });
    expect(result.status).toBe("fail");
    expect(result.findings).toEqual([
      expect.objectContaining({ messageId: "nearMiss", data: expect.objectContaining({ found }) }),
    ]);
    const text = rendered(files, result);
    expect(text).toContain(`Dockerfile is missing, but ${found} is there`);
    expect(text).toContain(`git mv "${found}" Dockerfile`);
  });

  it("fails an empty file unless allowed", async () => {
    expect((await run({ paths: ["empty.txt"] })).findings[0]!.messageId).toBe("empty");
    expect((await run({ paths: ["empty.txt"], nonEmpty: false })).status).toBe("pass");
  });

  it("refuses a link that leaves the repository, and never reads through it", async () => {
    const result = await run({ paths: ["linked-secret.txt", "outside-dir/secret.txt"] });
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.messageId)).toEqual(["linkOutside", "linkOutside"]);
    expect(JSON.stringify(result)).not.toContain("TOP SECRET");
  });

  it("follows a link that stays inside the repository", async () => {
    expect((await run({ paths: ["inner-link.txt"] })).status).toBe("pass");
  });

  it("refuses `..` and absolute paths", async () => {
    const result = await run({ paths: ["../secret.txt", secret, "data/../../x"] });
    expect(result.findings.map((f) => f.messageId)).toEqual(["outside", "outside", "outside"]);
  });

  it("resolves paths from the submission root when the lab sits in a sub-folder", async () => {
    expect((await run({ paths: ["Dockerfile"] }, "tp1")).status).toBe("pass");
    expect((await run({ paths: ["../app.py"] }, "tp1")).status).toBe("pass");
  });
});
