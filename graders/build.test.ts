import { describe, expect, it } from "vitest";
import { classifyPullFailure, notPresent } from "../src/docker/pull-failure.js";
import type { BuildOutcome } from "../src/docker/session.js";
import { formatBytes } from "../src/format/bytes.js";
import { renderMessage } from "../src/i18n/catalog.js";
import build, { judgeBuild } from "./build.js";

const context = {
  bytes: 4200,
  files: 5,
  largest: [{ path: "data", bytes: 90, files: 1 }],
  dockerignore: "present" as const,
};
const dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install -r requirements.txt\n";
const facts = { names: new Map([["", ["Dockerfile"]]]), dockerfile, where: "." };

const pullOf = (text: string) => ({ ...classifyPullFailure(text), image: "python:3.12-slim" });

describe("judgeBuild", () => {
  it("passes a built image and gives its figures", () => {
    const outcome: BuildOutcome = {
      ok: true,
      imageId: "sha256:353d6da3e9ac737c524bf7f62b4cc3badf2e55bc305719bbda34168a77c8ff6b",
      reference: "dockgrade/r1/quotegen:1.0.0",
      sizeBytes: 241_800_000,
      durationMs: 3456,
      context,
      steps: 8,
      logTail: [],
    };
    const result = judgeBuild(outcome, undefined);
    expect(result.status).toBe("pass");
    expect(result.findings).toEqual([
      {
        messageId: "built",
        severity: "ok",
        data: { seconds: "3.5", size: "242MB", imageId: "353d6da3e9ac", files: 5, contextSize: "4.2kB" },
      },
    ]);
    expect(result.details).toMatchObject({
      durationMs: 3456,
      contextBytes: 4200,
      contextFiles: 5,
      sizeBytes: 241_800_000,
    });
  });

  it("notes a committed .venv that weighs on the context, without failing", () => {
    const heavy = { ...context, files: 1505, largest: [{ path: ".venv", bytes: 40_000_000, files: 1500 }] };
    const outcome: BuildOutcome = {
      ok: true,
      imageId: "sha256:ab",
      reference: "r",
      sizeBytes: 1,
      durationMs: 1,
      context: heavy,
      steps: 1,
      logTail: [],
    };
    const result = judgeBuild(outcome, undefined);
    expect(result.status).toBe("pass");
    expect(result.findings[1]).toMatchObject({
      messageId: "heavyContext",
      severity: "info",
      data: { largest: ".venv", largestFiles: 1500 },
    });
  });

  it("fails on a failing step, quoting it with its line and last lines, plus the hint", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "failed",
      message: "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
      failingStep: { index: 3, total: 3, instruction: "RUN pip install -r requirements.txt" },
      lastLines: [
        "noise",
        "ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'",
      ],
      durationMs: 900,
      context,
    };
    const result = judgeBuild(outcome, facts, 1, "tp1/Dockerfile");
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => [f.messageId, f.code, f.file, f.line])).toEqual([
      ["stepFailed", "B001", "tp1/Dockerfile", 3],
      ["hintRequirementsNotCopied", "B015", undefined, undefined],
    ]);
    expect(result.findings[0]?.data?.output).toBe(
      "    ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'",
    );
    expect(result.details).toMatchObject({ reason: "failed", lastLines: [expect.stringMatching(/^ERROR/)] });
  });

  it("fails a build Docker refused to start (no step)", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "failed",
      message: "dockerfile parse error line 3: unknown instruction: COPPY",
      lastLines: [],
      durationMs: 5,
    };
    const result = judgeBuild(outcome, facts);
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => [f.messageId, f.line])).toEqual([
      ["buildFailed", undefined],
      ["hintParseError", 3],
    ]);
  });

  it("fails a build the sandbox refused, one finding per line, in plain words", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "refused",
      message: "refused",
      refusals: [
        { line: 2, kind: "add-url", instruction: "ADD", source: "http://127.0.0.1:9/secret" },
        { line: 3, kind: "local-image", instruction: "COPY --from", source: "solution:latest" },
        { line: 4, kind: "unresolved-image", instruction: "FROM", source: "$BASE" },
      ],
      lastLines: [],
      durationMs: 3,
    };
    const result = judgeBuild(outcome, facts, 12, "tp1/Dockerfile", ["python:3.12-slim"]);
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => [f.messageId, f.code, f.file, f.line])).toEqual([
      ["refusedAddUrl", "B005", "tp1/Dockerfile", 2],
      ["refusedLocalImage", "B006", "tp1/Dockerfile", 3],
      ["refusedUnresolvedImage", "B007", "tp1/Dockerfile", 4],
    ]);
    for (const finding of result.findings) {
      for (const lang of ["en", "fr"] as const) {
        const text = renderMessage(build.messages, finding.messageId, lang, finding.data);
        expect(text).toContain(String(finding.line));
        expect(text).not.toMatch(/\{\w+\}|add-url|local-image|refused/);
      }
    }
    expect(renderMessage(build.messages, "refusedLocalImage", "en", result.findings[1]?.data)).toContain(
      "python:3.12-slim",
    );
  });

  it("fails a build that wrote more than its disk budget, naming the step", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "disk",
      message: "disk",
      failingStep: { index: 3, total: 4, instruction: "RUN head -c 1G /dev/zero > /big" },
      lastLines: [],
      durationMs: 3,
      diskBytes: 64 * 1024 * 1024,
      usedBytes: 100 * 1024 * 1024,
    };
    const result = judgeBuild(outcome, facts);
    expect(result).toMatchObject({
      status: "fail",
      findings: [
        { messageId: "diskExceeded", code: "B008", data: { budget: "67MB", used: "105MB", step: 3 } },
      ],
    });
  });

  it("fails an oversized context and names what weighs most", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "context-too-large",
      message: "too large",
      lastLines: [],
      durationMs: 5,
      maxContextBytes: 1_000_000,
      context: { ...context, bytes: 1_000_100, largest: [{ path: ".venv", bytes: 1_000_000, files: 1500 }] },
    };
    const result = judgeBuild(outcome, facts);
    expect(result).toMatchObject({
      status: "fail",
      findings: [{ messageId: "contextTooLarge", data: { largest: ".venv", max: "1.0MB" } }],
    });
  });

  it("fails, naming the step, when a step of the student's never ends within the build timeout", () => {
    const outcome = {
      ok: false,
      message: "",
      lastLines: [],
      durationMs: 1,
      reason: "timeout",
      timeoutMs: 300_000,
      failingStep: { index: 2, total: 2, instruction: "RUN sleep 3600" },
    } as BuildOutcome;
    const result = judgeBuild(outcome, facts);
    expect(result.status).toBe("fail");
    expect(result.findings[0]?.messageId).toBe("timedOut");
  });

  it.each([
    [{ reason: "timeout", timeoutMs: 300_000 }, "timedOutEarly"],
    [{ reason: "engine", message: "connect ECONNREFUSED /var/run/docker.sock" }, "engineFailed"],
    [{ reason: "aborted" }, "aborted"],
    [
      { reason: "pull", pull: pullOf("toomanyrequests: You have reached your pull rate limit.") },
      "pullRateLimit",
    ],
    [{ reason: "pull", pull: pullOf("no basic auth credentials") }, "pullAuth"],
    [{ reason: "pull", pull: pullOf("received unexpected HTTP status: 502 Bad Gateway") }, "pullRegistry"],
    [
      { reason: "pull", pull: { ...notPresent("python:3.12-slim"), image: "python:3.12-slim" } },
      "pullNotPresent",
    ],
  ] as const)("is an error, not a fail, when the harness could not finish: %o", (over, messageId) => {
    const outcome = { ok: false, message: "", lastLines: [], durationMs: 1, ...over } as BuildOutcome;
    const result = judgeBuild(outcome, facts);
    expect(result.status).toBe("error");
    expect(result.findings[0]?.messageId).toBe(messageId);
  });

  it("says in the timeout message what was awaited and for how long", () => {
    const outcome: BuildOutcome = {
      ok: false,
      reason: "timeout",
      message: "",
      lastLines: ["waiting forever"],
      durationMs: 1,
      timeoutMs: 4000,
      failingStep: { index: 2, total: 2, instruction: "RUN sleep 3600" },
    };
    const [finding] = judgeBuild(outcome, facts).findings;
    const text = renderMessage(build.messages, finding?.messageId as string, "en", finding?.data);
    expect(text).toMatch(
      /^The image build did not finish within 4 s; step 2\/2 `RUN sleep 3600` was still running/,
    );
    expect(text).toContain("    waiting forever");
  });
});

describe("the build grader's messages", () => {
  it("exist in French and English with the same placeholders", () => {
    for (const [id, { fr, en }] of Object.entries(build.messages)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(fr), id).toEqual(names(en));
    }
  });
});

describe("formatBytes", () => {
  it.each([
    [870, "870B"],
    [4200, "4.2kB"],
    [133_000_000, "133MB"],
    [1_500_000_000, "1.5GB"],
  ])("%i -> %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
