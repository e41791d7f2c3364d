import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../dockerfile/parse.js";
import { buildRefusals, canonical, type ImageOrigin, namedImages } from "./build-policy.js";
import { originOf } from "./image-origin.js";

function parsed(text: string) {
  const result = parseDockerfile(text);
  if (!result.ok) throw new Error(`unparsable: ${JSON.stringify(result.problem)}`);
  return result.dockerfile;
}

const LOCAL = new Map<string, ImageOrigin>([
  ["python:3.12-slim", "local-only"],
  ["solution:latest", "local-only"],
  ["dockgrade/abc/quotegen:1.1.0", "local-only"],
  ["python:3.11", "registry"],
]);

describe("buildRefusals", () => {
  const cases: Array<{ name: string; dockerfile: string; refused: Array<[number, string, string]> }> = [
    { name: "the course's Dockerfile", dockerfile: "FROM python:3.12-slim\nCOPY . .\n", refused: [] },
    { name: "a public image (absent, will be pulled)", dockerfile: "FROM alpine:3.20\n", refused: [] },
    { name: "a public image already pulled", dockerfile: "FROM python:3.11\n", refused: [] },
    {
      name: "an allowed base spelled in full",
      dockerfile: "FROM docker.io/library/python:3.12-slim\n",
      refused: [],
    },
    { name: "scratch", dockerfile: "FROM scratch\nCOPY app /app\n", refused: [] },
    {
      name: "the build's own stages, by name and by index",
      dockerfile:
        "FROM python:3.12-slim AS builder\nRUN true\nFROM builder\nCOPY --from=builder /a /a\nCOPY --from=0 /b /b\n",
      refused: [],
    },
    {
      name: "ADD of a URL, shell and exec form",
      dockerfile:
        'FROM python:3.12-slim\nADD http://127.0.0.1:8080/secret /s\nADD ["https://example.org/x", "/x"]\nADD local.tar /\n',
      refused: [
        [2, "add-url", "http://127.0.0.1:8080/secret"],
        [3, "add-url", "https://example.org/x"],
      ],
    },
    {
      name: "COPY --from of a local-only image (an instructor's solution)",
      dockerfile: "FROM python:3.12-slim\nCOPY --from=solution:latest /app /stolen\n",
      refused: [[2, "local-image", "solution:latest"]],
    },
    {
      name: "FROM another submission's harness image",
      dockerfile: "FROM dockgrade/abc/quotegen:1.1.0\n",
      refused: [[1, "local-image", "dockgrade/abc/quotegen:1.1.0"]],
    },
    {
      name: "COPY --from of a stage defined later is an image",
      dockerfile:
        "FROM python:3.12-slim\nCOPY --from=solution:latest /a /a\nFROM python:3.12-slim AS solution\n",
      refused: [[2, "local-image", "solution:latest"]],
    },
    {
      name: "an image named through a variable",
      dockerfile: "FROM python:3.12-slim\nARG SRC=solution\nCOPY --from=$SRC /a /a\n",
      refused: [[3, "unresolved-image", "$SRC"]],
    },
  ];
  for (const { name, dockerfile, refused } of cases) {
    it(name, () => {
      const found = buildRefusals(parsed(dockerfile), LOCAL, ["python:3.12-slim"]);
      expect(found.map((r) => [r.line, r.kind, r.source])).toEqual(refused);
    });
  }

  it("refuses the stand-in base image when the rubric does not allow it", () => {
    const found = buildRefusals(parsed("FROM python:3.12-slim\n"), LOCAL, []);
    expect(found).toEqual([
      { line: 1, kind: "local-image", instruction: "FROM", source: "python:3.12-slim" },
    ]);
  });

  it("names the images to look up, stages and scratch left out", () => {
    const df = parsed(
      "FROM python:3.12-slim AS b\nFROM scratch\nCOPY --from=b /a /a\nCOPY --from=x:1 /a /a\n",
    );
    expect(namedImages(df)).toEqual([
      { reference: "python:3.12-slim", line: 1, instruction: "FROM" },
      { reference: "x:1", line: 4, instruction: "COPY --from" },
    ]);
  });
});

describe("originOf", () => {
  const cases: Array<[string, string[] | null, ImageOrigin]> = [
    ["python:3.12-slim", [], "local-only"],
    ["python:3.12-slim", null, "local-only"],
    ["python:3.12-slim", ["python@sha256:aa"], "registry"],
    ["docker.io/library/python:3.12", ["python@sha256:aa"], "registry"],
    ["solution:latest", ["python@sha256:aa"], "local-only"],
    ["registry.local:5000/sol:1", ["registry.local:5000/sol@sha256:bb"], "registry"],
  ];
  for (const [reference, digests, expected] of cases) {
    it(`${reference} with ${JSON.stringify(digests)} is ${expected}`, () => {
      expect(originOf(reference, digests)).toBe(expected);
    });
  }
});

describe("canonical", () => {
  it("makes spellings of one reference equal", () => {
    expect(canonical("python:3.12-slim")).toBe(canonical("docker.io/library/python:3.12-slim"));
    expect(canonical("python")).toBe(canonical("python:latest"));
    expect(canonical("python:3.12")).not.toBe(canonical("python:3.12-slim"));
  });
});
