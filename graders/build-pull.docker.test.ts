import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDockerSession } from "../src/docker/open-session.js";
import type { DockerSession, PullPolicy } from "../src/docker/session.js";
import { leftovers } from "../src/docker/test-support.js";
import type { GraderResult } from "../src/grader/contract.js";
import { fixtureSubmission, rendered, testAssignment } from "../src/grader/test-context.js";
import { type StubRegistry, startStubRegistry } from "../src/testing/stub-registry.js";
import build from "./build.js";

// A base image that cannot be pulled is the student's fault only when the registry answers that it does
// not exist; no registry (this machine is offline), a rate limit or a credentials demand is the harness's.
const sessions: DockerSession[] = [];
const registries: StubRegistry[] = [];

async function grade(from: string, pullPolicy?: PullPolicy): Promise<GraderResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-pull-"));
  await writeFile(path.join(dir, "Dockerfile"), `FROM ${from}\nWORKDIR /app\nCMD ["python3"]\n`);
  const { submission, files } = fixtureSubmission(dir);
  const assignment = testAssignment();
  const session = await openDockerSession({
    submission,
    files,
    assignment,
    buildNetwork: "none",
    pullPolicy,
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
    { maxContextMb: 300, outputLines: 12 },
  );
}

async function registry(mode: Parameters<typeof startStubRegistry>[0]): Promise<string> {
  const started = await startStubRegistry(mode);
  registries.push(started);
  return started.host;
}

afterAll(async () => {
  for (const session of sessions) await session.close();
  for (const started of registries) await started.close();
  for (const session of sessions) expect(await leftovers(session.runId)).toEqual([]);
});

describe("a base image that cannot be pulled, on the real engine", () => {
  it("is the student's fail when the registry answers that the image does not exist", async () => {
    const host = await registry("manifest-unknown");
    const result = await grade(`${host}/student/python:3.99-nope`);
    expect(result.status).toBe("fail");
    const hint = result.findings.find((f) => f.code === "B019");
    expect(hint?.messageId).toBe("hintBaseImage");
    expect(rendered(build, result)).toContain("The registry answered that there is no image");
    expect(rendered(build, result)).toContain("manifest unknown");
  });

  it("is a harness error, with the instructor's fix, when the registry is unreachable (no DNS here)", async () => {
    const result = await grade("python:3.99-nope");
    expect(result.status).toBe("error");
    expect(result.findings.map((f) => f.messageId)).toEqual(["pullDns"]);
    expect(result.details).toMatchObject({ reason: "pull", pull: { kind: "dns", fault: "harness" } });
    const text = rendered(build, result);
    expect(text).toContain("registry-1.docker.io");
    expect(text).toContain("not a fault of the submission");
    expect(text).not.toMatch(/check the name and tag/i);
  });

  it.each([
    ["rate-limit", "pullRateLimit"],
    ["auth", "pullAuth"],
  ] as const)("is a harness error when the registry answers %s", async (mode, messageId) => {
    const host = await registry(mode);
    const result = await grade(`${host}/student/python:3.12-slim`);
    expect(result.status).toBe("error");
    expect(result.findings.map((f) => f.messageId)).toEqual([messageId]);
  });

  it("with --pull never, a base image missing from the engine is a harness error that says so", async () => {
    const result = await grade("python:3.99-nope", "never");
    expect(result.status).toBe("error");
    expect(result.findings.map((f) => f.messageId)).toEqual(["pullNotPresent"]);
    expect(rendered(build, result)).toContain("--pull missing");
  });

  it("with --pull never or missing, a base image on the engine is used as is, and named with its id", async () => {
    for (const policy of ["never", "missing"] as const) {
      const result = await grade("python:3.12-slim", policy);
      expect(result.status).toBe("pass");
      expect(result.details?.baseImages).toEqual([
        expect.objectContaining({
          reference: "python:3.12-slim",
          id: expect.stringMatching(/^sha256:/),
          pulled: false,
        }),
      ]);
      expect(rendered(build, result)).toMatch(/Built from python:3\.12-slim/);
    }
  });

  it("with --pull always, an image on the engine is still pulled, and the offline pull is a harness error", async () => {
    const result = await grade("python:3.12-slim", "always");
    expect(result.status).toBe("error");
    expect(result.findings.map((f) => f.messageId)).toEqual(["pullDns"]);
  });
});
