import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMessage } from "../src/i18n/catalog.js";
import { paramsFor, reportRepo } from "../src/markdown/testkit.js";
import evidence from "./evidence.js";

const params = paramsFor(evidence, {}) as never;

// The shape most reports have: one sub-heading per command, screenshots pasted by the editor.
const SCREENSHOTS = `# Docker_basics

## Etape 1

#### Docker version

![alt text](media/image.png)

#### Docker Info

1) client

![alt text](media/image-1.png)

#### docker ps

1) docker ps

![alt text](media/image-3.png)

2) docker ps -a

![alt text](media/image-4.png)

#### docker image ls

![alt text](media/image-6.png)

#### docker volume ls

![alt text](media/image-7.png)

## Etape 2

![docker volume ls](media/image-8.png)
`;
const IMAGES = ["image.png", "image-1.png", "image-3.png", "image-4.png", "image-6.png", "image-7.png"];

function repoWith(markdown: string, images: string[]) {
  const repo = reportRepo(markdown, "fr");
  mkdirSync(path.join(repo.dir, "media"));
  for (const name of images)
    writeFileSync(path.join(repo.dir, "media", name), "any bytes: existence is what counts here");
  return repo;
}

describe("evidence", () => {
  it("counts each command shown by a captioned screenshot", async () => {
    const { ctx } = repoWith(SCREENSHOTS, IMAGES);
    const result = await evidence.run(ctx, params);
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings[0]).toMatchObject({ messageId: "shownImage", file: "README.md", line: 7 });
  });

  it("gives partial credit per command, and does not count an image that is not in the repository", async () => {
    const { ctx, dir } = repoWith(SCREENSHOTS, IMAGES);
    rmSync(path.join(dir, "media", "image-7.png"));
    const result = await evidence.run(ctx, params);
    expect(result.status).toBe("partial");
    expect(result.credit).toBeCloseTo(5 / 6, 4);
    const problem = result.findings.find((f) => f.severity === "problem");
    expect(renderMessage(evidence.messages, problem?.messageId ?? "", "en", problem?.data)).toBe(
      'docker volume ls: no output found in "Etape 1" (expected a screenshot captioned with the command, or its output in a code block). Run it and show its output.',
    );
  });

  it("accepts terminal output pasted in code blocks, and flags a command typed without output", async () => {
    const markdown = `## Étape 1 — Découverte

\`\`\`console
$ docker version
Client:
 Version:           28.2.2
 API version:       1.41
Server:
 Engine:
  Version:          20.10.24
$ docker ps
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
$ docker ps -a
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
$ docker volume ls
\`\`\`
`;
    const { ctx } = repoWith(markdown, []);
    const result = await evidence.run(ctx, params);
    expect(result.credit).toBeCloseTo(3 / 6, 4);
    const byCommand = Object.fromEntries(
      result.findings.map((f) => [f.data?.command, [f.messageId, f.line]]),
    );
    expect(byCommand).toEqual({
      "docker version": ["shownCode", 4],
      "docker info": ["missing", 1],
      "docker ps": ["shownCode", 11],
      "docker ps -a": ["shownCode", 13],
      "docker image ls": ["missing", 1],
      "docker volume ls": ["typedOnly", 15],
    });
  });

  it("takes the rubric's own commands", async () => {
    const { ctx } = repoWith(
      "## Etape 3\n\n```\n$ docker logs quotegen\n[INFO] Starting gunicorn 20.1.0\n```",
      [],
    );
    const logs = { id: "logs", label: "docker logs", caption: "docker logs", output: ["Starting gunicorn"] };
    const result = await evidence.run(
      ctx,
      paramsFor(evidence, { section: "etape 3", commands: [logs] }) as never,
    );
    expect(result).toMatchObject({ status: "pass", credit: 1 });
  });

  it("fails when the step is missing", async () => {
    const { ctx } = repoWith("# Rapport\n\nRien.", []);
    expect(await evidence.run(ctx, params)).toMatchObject({
      status: "fail",
      findings: [{ messageId: "sectionMissing" }],
    });
  });
});
