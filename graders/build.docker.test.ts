import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDockerSession } from "../src/docker/open-session.js";
import type { DockerSession } from "../src/docker/session.js";
import { leftovers } from "../src/docker/test-support.js";
import type { GraderResult } from "../src/grader/contract.js";
import { fixtureSubmission, rendered, testAssignment } from "../src/grader/test-context.js";
import build from "./build.js";

const dockerFixtures = fileURLToPath(new URL("../src/docker/__fixtures__/", import.meta.url));
const buildFixtures = fileURLToPath(new URL("./__fixtures__/build/", import.meta.url));
const sessions: DockerSession[] = [];

/** Runs the grader on a folder through a real session (offline builds), as the engine would. */
async function grade(
  dir: string,
  options: { buildTimeoutMs?: number; params?: Partial<{ maxContextMb: number; outputLines: number }> } = {},
): Promise<GraderResult> {
  const { submission, files } = fixtureSubmission(dir);
  const assignment = testAssignment();
  const session = await openDockerSession({
    submission,
    files,
    assignment,
    buildNetwork: "none",
    ...(options.buildTimeoutMs ? { buildTimeoutMs: options.buildTimeoutMs } : {}),
  });
  sessions.push(session);
  return build.run(
    {
      lang: "en",
      submission,
      files,
      assignment,
      check: { id: "build", points: 2, timeoutMs: 120_000 },
      docker: session,
      signal: new AbortController().signal,
      log: () => {},
    },
    { maxContextMb: 300, outputLines: 12, ...options.params },
  );
}

const text = (result: GraderResult) => rendered(build, result);

afterAll(async () => {
  for (const session of sessions) await session.close();
  for (const session of sessions) expect(await leftovers(session.runId)).toEqual([]);
});

describe("the build grader on the real engine", () => {
  it("passes a submission whose image builds", async () => {
    const result = await grade(path.join(dockerFixtures, "app-ok"));
    expect(result.status).toBe("pass");
    expect(result.details).toMatchObject({
      contextFiles: 5,
      steps: 8,
      imageId: expect.stringMatching(/^sha256:/),
    });
    expect(text(result)).toMatch(
      /^The image builds in [\d.]+ s: \d+MB, image [0-9a-f]{12}; the build context sent 5 files/,
    );
  });

  it("fails a COPY of requirements.txt when the file is Requirements.txt, and says so", async () => {
    const result = await grade(path.join(dockerFixtures, "copy-missing"));
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => [f.messageId, f.line])).toEqual([
      ["stepFailedQuiet", 3],
      ["hintCopyCase", undefined],
    ]);
    expect(text(result)).toContain("COPY asks for requirements.txt, but the folder holds Requirements.txt");
  });

  it("fails a RUN that exits 1, quoting its output", async () => {
    const result = await grade(path.join(dockerFixtures, "run-fails"));
    expect(result.status).toBe("fail");
    expect(text(result)).toMatch(
      /step 3\/4 `RUN echo "installing dependencies".*` failed: The command .* returned a non-zero code: 1/,
    );
    expect(text(result)).toContain("    fatal: dependency quotegen-extra is not available");
  });

  it("explains a pip install of requirements that were never copied", async () => {
    const result = await grade(path.join(buildFixtures, "requirements-not-copied"));
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.messageId)).toEqual(["stepFailed", "hintRequirementsNotCopied"]);
    expect(text(result)).toContain("Add `COPY requirements.txt .` before this RUN.");
  });

  it("explains a Dockerfile saved as `Docker file`", async () => {
    const result = await grade(path.join(buildFixtures, "misnamed-dockerfile"));
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.messageId)).toEqual(["buildFailed", "hintRenameDockerfile"]);
    expect(text(result)).toContain("found Docker file instead");
  });

  it("points at the misspelt line", async () => {
    const result = await grade(path.join(buildFixtures, "parse-error"));
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => [f.messageId, f.file, f.line])).toEqual([
      ["buildFailed", undefined, undefined],
      ["hintParseError", "Dockerfile", 3],
    ]);
  });

  it("fails, naming the step, the wait and its length, when the build never ends", async () => {
    const started = Date.now();
    const result = await grade(path.join(dockerFixtures, "endless"), { buildTimeoutMs: 6000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.status).toBe("fail");
    expect(text(result)).toMatch(
      /^The image build did not finish within 6 s; step 2\/2 `RUN echo "waiting forever" && sleep 3600` was still running/,
    );
  });
});

describe("the build grader on a committed .venv", () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("fails a context above the limit and names .venv", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-venv-test-"));
    await writeFile(path.join(dir, "Dockerfile"), "FROM python:3.12-slim\nCOPY app.py .\n");
    await writeFile(path.join(dir, "app.py"), "print('hi')\n");
    await mkdir(path.join(dir, ".venv/lib"), { recursive: true });
    for (let i = 0; i < 1500; i++) await writeFile(path.join(dir, `.venv/lib/m${i}.py`), "x".repeat(1000));
    const result = await grade(dir, { params: { maxContextMb: 1 } });
    expect(result.status).toBe("fail");
    expect(result.findings[0]).toMatchObject({ messageId: "contextTooLarge", data: { largest: ".venv" } });
  });
});
