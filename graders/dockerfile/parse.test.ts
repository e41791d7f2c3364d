import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { environmentAt, expandVariables } from "../../src/dockerfile/environment.js";
import { type ParsedDockerfile, parseDockerfile } from "../../src/dockerfile/parse.js";
import { nearMissName } from "../../src/submission/near-miss.js";
import { effectiveCommand } from "./command.js";
import { contextCopies } from "./copies.js";
import { pipInstalls } from "./pip.js";

const FIXTURES = path.join(import.meta.dirname, "..", "__fixtures__", "dockerfile");

function parsed(text: string | Buffer): ParsedDockerfile {
  const result = parseDockerfile(text);
  if (!result.ok) throw new Error(`unreadable: ${JSON.stringify(result.problem)}`);
  return result.dockerfile;
}

describe("parseDockerfile: what Docker could not build from", () => {
  it.each([
    ["empty", { reason: "empty" }],
    ["comments-only", { reason: "empty" }],
    ["markdown-fence", { reason: "unknownInstruction", line: 1, word: "```dockerfile" }],
    ["no-from", { reason: "noFrom", line: 1, word: "WORKDIR" }],
  ])("%s", (fixture, problem) => {
    const result = parseDockerfile(readFileSync(path.join(FIXTURES, `${fixture}.Dockerfile`)));
    expect(result).toEqual({ ok: false, problem });
  });

  it("refuses UTF-16, with or without a byte order mark", () => {
    const text = 'FROM python:3.12-slim\nCMD ["python3"]\n';
    expect(parseDockerfile(Buffer.from(`\uFEFF${text}`, "utf16le"))).toEqual({
      ok: false,
      problem: { reason: "encoding", encoding: "UTF-16 LE" },
    });
    expect(parseDockerfile(Buffer.from(text, "utf16le"))).toMatchObject({
      ok: false,
      problem: { reason: "encoding" },
    });
  });

  it("reads a FROM with no image as unbuildable", () => {
    expect(parseDockerfile("FROM\n")).toEqual({ ok: false, problem: { reason: "badFrom", line: 1 } });
  });

  it("accepts ARG before FROM, a UTF-8 byte order mark and CRLF line ends", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and Dockerfile syntax, not a template
    const df = parsed(Buffer.from('\uFEFFARG V=3.12\r\nFROM python:${V}-slim\r\nCMD ["a", \\\r\n  "b"]\r\n'));
    expect(df.base.image).toMatchObject({ written: "python:3.12-slim", name: "python", tag: "3.12-slim" });
    expect(df.steps.at(-1)).toMatchObject({ keyword: "CMD", line: 3, exec: ["a", "b"] });
  });
});

describe("parseDockerfile: the model the rules read", () => {
  it("tells exec form, shell form and broken JSON apart, as Docker does", () => {
    const df = parsed('FROM x\nCMD ["a"]\nCMD a b\nCMD [\'a\']\nCMD ["a", 1]\n');
    const cmds = df.steps.filter((s) => s.keyword === "CMD");
    expect(cmds.map((c) => [c.exec, c.brokenJson ?? false, c.script])).toEqual([
      [["a"], false, undefined],
      [undefined, false, "a b"],
      [undefined, true, "['a']"],
      [undefined, true, '["a", 1]'],
    ]);
  });

  it("follows FROM <stage> back to the real base image", () => {
    const df = parsed("FROM python:3.12 AS build\nRUN x\nFROM alpine AS other\nFROM build AS final\nRUN y\n");
    expect(df.stages.map((s) => s.parent)).toEqual([undefined, undefined, 0]);
    expect(df.lineage.map((s) => s.index)).toEqual([0, 2]);
    expect(df.base.image.written).toBe("python:3.12");
    expect(df.steps.map((s) => s.keyword)).toEqual(["FROM", "RUN", "FROM", "RUN"]);
  });

  it("reads a RUN heredoc's body as its script", () => {
    const df = parsed("FROM x\nRUN <<EOF\npip install -r requirements.txt\nEOF\n");
    expect(pipInstalls(df.steps)).toEqual([expect.objectContaining({ requirements: ["requirements.txt"] })]);
  });
});

describe("effectiveCommand", () => {
  it("keeps the last CMD and ENTRYPOINT and wraps the shell form in the current SHELL", () => {
    const df = parsed(
      'FROM x\nCMD ["a"]\nSHELL ["/bin/bash", "-c"]\nCMD run it\nENTRYPOINT ["tini", "--"]\n',
    );
    expect(effectiveCommand(df.steps).argv).toEqual(["tini", "--", "/bin/bash", "-c", "run it"]);
  });

  it("drops a CMD inherited from an earlier stage once ENTRYPOINT is set", () => {
    const df = parsed('FROM x AS base\nCMD ["serve"]\nFROM base\nENTRYPOINT ["gunicorn"]\n');
    expect(effectiveCommand(df.steps)).toMatchObject({ argv: ["gunicorn"], inheritsBaseCommand: false });
    expect(effectiveCommand(parsed("FROM x\n").steps)).toMatchObject({ argv: [], inheritsBaseCommand: true });
  });
});

describe("helpers", () => {
  it("expands variables like the Dockerfile frontend", () => {
    const env = { A: "1", E: "" };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and Dockerfile syntax, not a template
    expect(expandVariables("$A ${A} ${B:-2} ${E:-3} ${E-4} ${A:+5} $B", env)).toBe("1 1 2 3  5 $B");
  });

  it("gives RUN the ENV of the image and the ARG of its stage, ENV winning", () => {
    const df = parsed("FROM x\nARG P=1\nENV Q=$P\nARG Q=9\nRUN true\n");
    expect(environmentAt(df.steps, 4, { buildArgs: true })).toEqual({ P: "1", Q: "1" });
    expect(environmentAt(df.steps, 4)).toEqual({ Q: "1" });
  });

  it("classifies COPY sources", () => {
    const df = parsed(
      "FROM x\nCOPY requirements.txt .\nCOPY --from=build /w /w\nCOPY Requirements.txt app.py ./\nCOPY . .\nCOPY requirements*.txt ./\n",
    );
    const copies = contextCopies(df.steps, "requirements.txt");
    expect(copies.map((c) => [c.step.line, c.requirements, c.code, c.whole, c.requirementsCase])).toEqual([
      [2, true, false, false, undefined],
      [4, false, true, false, "Requirements.txt"],
      [5, true, true, true, undefined],
      [6, true, false, false, undefined],
    ]);
  });

  it("finds pip in its spellings, and nothing else", () => {
    const df = parsed(
      "FROM x\nRUN pip3 --no-cache-dir install -rreqs.txt && python3 -m pip install --requirement=r2.txt flask\nRUN pipx install x; echo pip install\n",
    );
    expect(pipInstalls(df.steps).map((p) => [p.requirements, p.noCacheDir])).toEqual([
      [["reqs.txt"], true],
      [["r2.txt"], false],
    ]);
  });

  it("spots a misnamed Dockerfile", () => {
    expect(nearMissName("Dockerfile", ["app.py", "Docker file"])).toBe("Docker file");
    expect(nearMissName("Dockerfile", ["Dockerfile.txt", "dockerfile"])).toBe("dockerfile");
    expect(nearMissName("Dockerfile", ["docker-compose.yml", ".dockerignore", "Dockerfile"])).toBeUndefined();
  });
});
