import { describe, expect, it } from "vitest";
import { classifyPullFailure } from "../../src/docker/pull-failure.js";
import type { BuildFailure } from "../../src/docker/session.js";
import { type BuildFacts, buildHints, missingCopySource, stepLine } from "./hints.js";

const PULL_DENIED = "pull access denied for pyhton, repository does not exist or may require 'docker login'";

const failure = (over: Partial<BuildFailure>): BuildFailure => ({
  ok: false,
  reason: "failed",
  message: "",
  lastLines: [],
  durationMs: 100,
  ...over,
});

const facts = (names: Record<string, string[]>, extra: Partial<BuildFacts> = {}): BuildFacts => ({
  names: new Map(Object.entries(names)),
  where: ".",
  ...extra,
});

const COPY_MISSING =
  "COPY failed: file not found in build context or excluded by .dockerignore: stat requirements.txt: file does not exist";

describe("buildHints", () => {
  const cases: Array<[string, BuildFailure, BuildFacts, Array<{ messageId: string; data?: object }>]> = [
    [
      "wrong case: Requirements.txt for requirements.txt",
      failure({
        message: COPY_MISSING,
        failingStep: { index: 3, total: 6, instruction: "COPY requirements.txt ." },
      }),
      facts({ "": ["Dockerfile", "Requirements.txt", "app.py"] }),
      [{ messageId: "hintCopyCase", data: { wanted: "requirements.txt", found: "Requirements.txt" } }],
    ],
    [
      "the file exists but .dockerignore excludes it",
      failure({ message: COPY_MISSING }),
      facts({ "": ["Dockerfile", "requirements.txt"] }, { dockerignore: "*.txt\n" }),
      [{ messageId: "hintCopyIgnored", data: { wanted: "requirements.txt" } }],
    ],
    [
      "the file is simply not there",
      failure({ message: COPY_MISSING }),
      facts({ "": ["Dockerfile", "app.py"] }, { where: "tp1" }),
      [{ messageId: "hintCopyMissing", data: { wanted: "requirements.txt", where: "tp1" } }],
    ],
    [
      "a file in a folder, case differs",
      failure({
        message:
          "COPY failed: file not found in build context or excluded by .dockerignore: stat data/quotes.txt: file does not exist",
      }),
      facts({ "": ["Dockerfile"], data: ["Quotes.txt"] }),
      [{ messageId: "hintCopyCase", data: { wanted: "data/quotes.txt", found: "data/Quotes.txt" } }],
    ],
    [
      "requirements installed but never copied",
      failure({
        message:
          "The command '/bin/sh -c pip install --no-cache-dir -r requirements.txt' returned a non-zero code: 1",
        failingStep: {
          index: 3,
          total: 5,
          instruction: "RUN pip install --no-cache-dir -r requirements.txt",
        },
        lastLines: [
          "ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'",
        ],
      }),
      facts({ "": ["Dockerfile", "requirements.txt"] }),
      [{ messageId: "hintRequirementsNotCopied", data: { file: "requirements.txt" } }],
    ],
    [
      "pip cannot reach PyPI or the pinned version does not exist",
      failure({
        message: "The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1",
        failingStep: { index: 4, total: 8, instruction: "RUN pip install -r requirements.txt" },
        lastLines: [
          "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/flask/",
          "ERROR: Could not find a version that satisfies the requirement flask==3.0.3 (from versions: none)",
          "ERROR: No matching distribution found for flask==3.0.3",
        ],
      }),
      facts({ "": [] }),
      [{ messageId: "hintPipNetwork", data: { detail: "Failed to establish a new connection" } }],
    ],
    [
      "pip on a Debian system Python",
      failure({
        message: "The command '/bin/sh -c pip install flask' returned a non-zero code: 1",
        failingStep: { index: 2, total: 3, instruction: "RUN pip install flask" },
        lastLines: ["error: externally-managed-environment"],
      }),
      facts({ "": [] }),
      [{ messageId: "hintPipManaged" }],
    ],
    [
      "a misnamed Dockerfile",
      failure({ message: "Cannot locate specified Dockerfile: Dockerfile" }),
      facts({ "": ["Docker file", "app.py"] }),
      [{ messageId: "hintRenameDockerfile", data: { found: "Docker file" } }],
    ],
    [
      "no Dockerfile at all",
      failure({ message: "Cannot locate specified Dockerfile: Dockerfile" }),
      facts({ "": ["app.py"] }),
      [{ messageId: "hintAddDockerfile" }],
    ],
    [
      "a misspelt instruction",
      failure({ message: "dockerfile parse error line 3: unknown instruction: COPPY" }),
      facts({ "": ["Dockerfile"] }),
      [{ messageId: "hintParseError", data: { line: 3, detail: "unknown instruction: COPPY" } }],
    ],
    [
      "a base image that cannot be pulled",
      failure({
        message: PULL_DENIED,
        failingStep: { index: 1, total: 5, instruction: "FROM pyhton:3.12-slim" },
        pull: { ...classifyPullFailure(PULL_DENIED), image: "pyhton:3.12-slim" },
      }),
      facts({ "": ["Dockerfile"] }),
      [{ messageId: "hintBaseImage", data: { image: "pyhton:3.12-slim", detail: PULL_DENIED } }],
    ],
    [
      "a command that fails for its own reasons: no guess",
      failure({
        message: "The command '/bin/sh -c exit 1' returned a non-zero code: 1",
        failingStep: { index: 3, total: 4, instruction: "RUN exit 1" },
        lastLines: ["something else"],
      }),
      facts({ "": ["Dockerfile"] }),
      [],
    ],
  ];
  it.each(cases)("%s", (_, input, read, expected) => {
    expect(buildHints(input, read)).toMatchObject(expected);
    expect(buildHints(input, read)).toHaveLength(expected.length);
  });
});

describe("missingCopySource", () => {
  it.each([
    [COPY_MISSING, "requirements.txt"],
    [
      "COPY failed: stat /var/lib/docker/tmp/docker-builder1/data/quotes.txt: file does not exist",
      "data/quotes.txt",
    ],
    ["The command '/bin/sh -c exit 1' returned a non-zero code: 1", undefined],
  ])("%s", (message, expected) => {
    expect(missingCopySource(message)).toBe(expected);
  });
});

describe("stepLine", () => {
  const dockerfile = [
    "# syntax=docker/dockerfile:1",
    "ARG PY=3.12",
    "FROM python:$PY-slim",
    "WORKDIR /app",
    "RUN apt-get update && \\",
    "    apt-get install -y curl",
    "COPY app.py .",
  ].join("\n");
  it.each([
    [1, "FROM python:3.12-slim", 3],
    [2, "WORKDIR /app", 4],
    [3, "RUN apt-get update &&     apt-get install -y curl", 5],
    [4, "COPY app.py .", 7],
    [4, "RUN something", undefined],
    [9, "COPY x .", undefined],
  ])("step %i (%s) is on line %s", (index, instruction, line) => {
    expect(stepLine(dockerfile, index, instruction)).toBe(line);
  });
});
