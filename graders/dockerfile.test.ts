import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../src/dockerfile/parse.js";
import type { GraderResult } from "../src/grader/contract.js";
import { contextFor, rendered, runWithDefaults } from "../src/grader/test-context.js";
import { renderMessage } from "../src/i18n/catalog.js";
import { paramsWithDefaults } from "../src/rubric/validate-schema.js";
import { RULES } from "./dockerfile/all-rules.js";
import { judgeDockerfile } from "./dockerfile/judge.js";
import { DockerfileParams, RULE_IDS, type RuleId } from "./dockerfile/params.js";
import { unreadableFinding } from "./dockerfile/unreadable.js";
import dockerfile from "./dockerfile.js";

const FIXTURES = path.join(import.meta.dirname, "__fixtures__", "dockerfile");

function params(overrides: Record<string, unknown> = {}): DockerfileParams {
  return paramsWithDefaults(DockerfileParams, overrides) as DockerfileParams;
}

function judge(
  fixture: string,
  overrides: Record<string, unknown> = {},
  contextFiles?: string[],
): GraderResult {
  const parsed = parseDockerfile(readFileSync(path.join(FIXTURES, `${fixture}.Dockerfile`)));
  if (!parsed.ok) throw new Error(`${fixture}: unreadable (${parsed.problem.reason})`);
  return judgeDockerfile(parsed.dockerfile, params(overrides), { file: "Dockerfile", contextFiles });
}

const codeOf = (id: RuleId) => RULES.find((r) => r.id === id)?.code;

/** The problem message ids of each rule that failed. */
function failures(result: GraderResult): Partial<Record<RuleId, string[]>> {
  const out: Partial<Record<RuleId, string[]>> = {};
  for (const id of RULE_IDS) {
    const problems = result.findings.filter((f) => f.code === codeOf(id) && f.severity === "problem");
    if (problems.length > 0) out[id] = problems.map((f) => f.messageId);
  }
  return out;
}

describe("dockerfile rules: the right Dockerfiles pass every rule", () => {
  it.each([
    "reference",
    "no-syntax-line",
    "entrypoint-cmd",
    "env-no-cache",
    "non-root-user",
    "multi-stage",
    "multi-stage-builder",
    "multi-stage-builder-cached",
    "misspelled-requirements",
    "stage-chain",
    "lenient-spellings",
  ])("%s", (fixture) => {
    const result = judge(fixture);
    expect(failures(result)).toEqual({});
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    const passed = new Set(result.findings.filter((f) => f.severity === "ok").map((f) => f.code));
    expect([...passed]).toEqual(RULE_IDS.map(codeOf));
  });
});

describe("dockerfile rules: each wrong Dockerfile fails exactly the rules it breaks", () => {
  const cases: Array<{ fixture: string; fails: Partial<Record<RuleId, string[]>>; line?: number }> = [
    { fixture: "latest", fails: { "base-image": ["baseImage.latest"] }, line: 2 },
    { fixture: "no-tag", fails: { "base-image": ["baseImage.noTag"] }, line: 2 },
    { fixture: "wrong-tag", fails: { "base-image": ["baseImage.wrongTag"] } },
    { fixture: "wrong-image", fails: { "base-image": ["baseImage.wrongImage"] } },
    { fixture: "no-workdir", fails: { workdir: ["workdir.missing"] } },
    { fixture: "workdir-after-copy", fails: { workdir: ["workdir.afterCopy"] }, line: 3 },
    { fixture: "workdir-other", fails: { workdir: ["workdir.wrongPath"] }, line: 3 },
    {
      fixture: "pip-without-copy",
      fails: { "requirements-first": ["requirementsFirst.notCopied"] },
      line: 3,
    },
    { fixture: "copy-all-first", fails: { "requirements-first": ["requirementsFirst.codeFirst"] }, line: 3 },
    {
      fixture: "multi-stage-code-first",
      fails: { "requirements-first": ["requirementsFirst.codeFirst"] },
      line: 3,
    },
    { fixture: "copy-case", fails: { "requirements-first": ["requirementsFirst.copyCase"] }, line: 4 },
    { fixture: "pip-packages", fails: { "requirements-first": ["requirementsFirst.notFromFile"] } },
    {
      fixture: "no-pip",
      fails: { "requirements-first": ["requirementsFirst.noPip"], "pip-no-cache": ["pipNoCache.noPip"] },
    },
    { fixture: "pip-cached", fails: { "pip-no-cache": ["pipNoCache.cached"] }, line: 5 },
    { fixture: "pip-upgrade-cached", fails: { "pip-no-cache": ["pipNoCache.cached"] } },
    { fixture: "pip-env-off", fails: { "pip-no-cache": ["pipNoCache.notTrue"] } },
    { fixture: "expose-8000", fails: { expose: ["expose.notServerPort"] }, line: 8 },
    { fixture: "expose-udp", fails: { expose: ["expose.notServerPort"] } },
    { fixture: "no-expose", fails: { expose: ["expose.missing"] } },
    { fixture: "shell-cmd", fails: { "exec-form": ["execForm.shellForm"] }, line: 9 },
    {
      fixture: "single-quotes",
      fails: { "exec-form": ["execForm.brokenJson"], "server-binding": ["serverBinding.brokenJson"] },
    },
    { fixture: "sh-wrapper", fails: { "exec-form": ["execForm.shellWrapper"] } },
    {
      fixture: "no-cmd",
      fails: { "exec-form": ["execForm.noCommand"], "server-binding": ["serverBinding.noCommand"] },
    },
    {
      fixture: "shell-entrypoint",
      fails: { "exec-form": ["execForm.shellForm"], "server-binding": ["serverBinding.cmdIgnored"] },
    },
    {
      fixture: "shell-cmd-after-entrypoint",
      fails: { "exec-form": ["execForm.shellForm"], "server-binding": ["serverBinding.cmdShell"] },
    },
    { fixture: "python-app", fails: { "server-binding": ["serverBinding.pythonScript"] }, line: 9 },
    { fixture: "flask-run", fails: { "server-binding": ["serverBinding.flaskDev"] } },
    { fixture: "uvicorn", fails: { "server-binding": ["serverBinding.otherServer"] } },
    { fixture: "bind-loopback", fails: { "server-binding": ["serverBinding.loopback"] } },
    { fixture: "bind-8000", fails: { "server-binding": ["serverBinding.wrongPort"] } },
    { fixture: "no-bind", fails: { "server-binding": ["serverBinding.noBind"] } },
    { fixture: "exec-variable", fails: { "server-binding": ["serverBinding.unexpanded"] } },
    {
      fixture: "shell-unset-variable",
      fails: { "exec-form": ["execForm.shellForm"], "server-binding": ["serverBinding.unsetVariable"] },
    },
  ];

  it.each(cases)("$fixture", ({ fixture, fails, line }) => {
    const result = judge(fixture);
    expect(failures(result)).toEqual(fails);
    const failed = Object.keys(fails).length;
    expect(result.credit).toBeCloseTo((RULE_IDS.length - failed) / RULE_IDS.length);
    expect(result.status).toBe("partial");
    const first = result.findings.find((f) => f.severity === "problem");
    expect(first?.file).toBe("Dockerfile");
    if (line !== undefined) expect(first?.line).toBe(line);
  });
});

describe("dockerfile rules: details that matter to students", () => {
  it("suggests the exec form of a shell-form CMD", () => {
    const finding = judge("shell-cmd").findings.find((f) => f.messageId === "execForm.shellForm");
    expect(finding?.data?.suggestion).toBe('CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]');
  });

  it("repairs single quotes in the suggestion", () => {
    const finding = judge("single-quotes").findings.find((f) => f.messageId === "execForm.brokenJson");
    expect(finding?.data?.suggestion).toBe('CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]');
  });

  it("names the tag found and the one expected", () => {
    const finding = judge("wrong-tag").findings.find((f) => f.code === "DF001");
    expect(finding?.data).toMatchObject({ found: "python:3.11-slim", expected: "python:3.12-slim" });
  });

  it("judges the order of the instructions only: a misnamed or missing requirements file is a note, not a second charge", () => {
    const result = judge("reference", {}, ["Requirements.txt", "app.py"]);
    expect(failures(result)).toEqual({});
    expect(result.findings.find((f) => f.code === "DF003" && f.severity === "info")).toMatchObject({
      messageId: "requirementsFirst.sourceCase",
      data: { requirements: "requirements.txt", found: "Requirements.txt", copyLine: 4 },
    });
    const missing = judge("reference", {}, ["app.py"]);
    expect(failures(missing)).toEqual({});
    expect(missing.findings.map((f) => f.messageId)).toContain("requirementsFirst.sourceMissing");
    const clean = judge("reference", {}, ["requirements.txt", "app.py"]);
    expect(clean.findings.filter((f) => f.code === "DF003").map((f) => f.messageId)).toEqual([
      "requirementsFirst.ok",
    ]);
  });

  it.each([
    [
      "expose-8000",
      "expose.notServerPort",
      "EXPOSE declares 8000 (line 8), while the start command listens on port 5000",
    ],
    [
      "expose-8080-bind-8080",
      "expose.sameAsServer",
      "EXPOSE declares 8080 (line 6), the port the start command listens on (gunicorn --bind 0.0.0.0:8080 app:app), but the assignment's port is 5000",
    ],
    [
      "expose-5070-script",
      "expose.wrongPort",
      "EXPOSE declares 5070 (line 6); the assignment's port is 5000/tcp",
    ],
  ])(
    "words a wrong EXPOSE with the ports really declared and listened on: %s",
    (fixture, messageId, text) => {
      const finding = judge(fixture).findings.find((f) => f.code === "DF005");
      expect(finding?.messageId).toBe(messageId);
      const rendered = renderMessage(dockerfile.messages, finding?.messageId ?? "", "en", finding?.data);
      expect(rendered).toContain(text);
      expect(rendered).not.toMatch(/server listens on 5000/);
    },
  );

  it("words a shell-form CMD's stop as a risk, not as a measured fact (a static rule cannot see the base's shell)", () => {
    const finding = judge("shell-cmd").findings.find((f) => f.code === "DF006");
    for (const lang of ["en", "fr"] as const) {
      const text = renderMessage(dockerfile.messages, finding?.messageId ?? "", lang, finding?.data);
      expect(text).toMatch(lang === "en" ? /Where that shell stays PID 1/ : /Là où ce shell reste PID 1/);
      expect(text).not.toMatch(/docker stop (then )?waits 10 s/);
    }
  });

  it("names the requirements file the Dockerfile really uses, misspelled or not", () => {
    const result = judge("misspelled-requirements", {}, ["requirments.txt", "app.py"]);
    const df003 = result.findings.filter((f) => f.code === "DF003");
    expect(df003.map((f) => f.messageId)).toEqual(["requirementsFirst.otherName", "requirementsFirst.ok"]);
    for (const finding of df003) expect(finding.data?.requirements).toBe("requirments.txt");
    const text = df003.map((f) => renderMessage(dockerfile.messages, f.messageId, "en", f.data)).join("\n");
    expect(text).toContain("The Dockerfile copies requirments.txt (line 3) and installs it (line 4)");
  });

  it("follows the dependencies into the builder stage the final image copies from, and names the stage", () => {
    const result = judge("multi-stage-builder");
    const df003 = result.findings.filter((f) => f.code === "DF003");
    expect(df003[0]).toMatchObject({
      messageId: "requirementsFirst.inStage",
      data: { stage: "builder", pipLine: 5, copyFromLine: 9 },
    });
    expect(result.findings.find((f) => f.code === "DF004")).toMatchObject({
      messageId: "pipNoCache.ok",
      data: { how: "--no-cache-dir, stage builder" },
    });
    const codeFirst = judge("multi-stage-code-first").findings.filter((f) => f.code === "DF003");
    expect(codeFirst.map((f) => f.messageId)).toEqual([
      "requirementsFirst.inStage",
      "requirementsFirst.codeFirst",
    ]);
    const cached = judge("multi-stage-builder-cached").findings.find((f) => f.code === "DF004");
    expect(cached).toMatchObject({ messageId: "pipNoCache.builderStage", data: { stage: "deps", line: 4 } });
  });

  it("notes a multi-stage build and judges the final stage's base", () => {
    const result = judge("multi-stage");
    const info = result.findings.find((f) => f.messageId === "baseImage.stages");
    expect(info?.data).toMatchObject({ count: 2, found: "python:3.12-slim", line: 7 });
  });

  it("follows rubric parameters", () => {
    const result = judge("bind-8000", { port: 8000, bind: "0.0.0.0:8000" });
    expect(failures(result)).toEqual({ expose: ["expose.notServerPort"] });
    const flask = judge("flask-run", { server: "flask-dev" });
    expect(failures(flask)).toEqual({});
    const script = judge("python-app", { server: "python-script" });
    expect(script.findings.find((f) => f.code === "DF007")).toMatchObject({
      messageId: "serverBinding.okScript",
    });
    const older = judge("wrong-tag", { base: { image: "python", tag: "3.11-slim" } });
    expect(failures(older)).toEqual({});
  });

  it("judges only the selected rules", () => {
    const result = judge("latest", { rules: ["expose", "exec-form"] });
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(["DF005", "DF006"]));
  });

  it("gives every message in both languages, with its placeholders filled", () => {
    const names = fixtureNames();
    expect(names.length).toBeGreaterThan(30);
    for (const fixture of names) {
      const result = parseDockerfile(readFileSync(path.join(FIXTURES, `${fixture}.Dockerfile`)));
      const findings = result.ok
        ? judge(fixture).findings
        : [unreadableFinding(result.problem, "Dockerfile")];
      for (const finding of findings) {
        for (const lang of ["fr", "en"] as const) {
          const text = renderMessage(dockerfile.messages, finding.messageId, lang, finding.data);
          expect(text, `${fixture} ${finding.messageId} ${lang}`).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });
});

describe("dockerfile grader run", () => {
  const repo = (name: string) => path.join(FIXTURES, "repos", name);
  const run = (name: string, options: { root?: string; params?: Record<string, unknown> } = {}) =>
    runWithDefaults(dockerfile, contextFor(repo(name), { root: options.root }), options.params ?? {});

  it("passes the course's reference Dockerfile", async () => {
    const result = await run("reference");
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.map((f) => f.code)).toEqual([
      "DF001",
      "DF002",
      "DF003",
      "DF004",
      "DF005",
      "DF006",
      "DF007",
    ]);
    expect(result.details).toMatchObject({ rules: { "base-image": "pass", "server-binding": "pass" } });
  });

  it("gives partial credit with line numbers", async () => {
    const result = await run("mixed");
    expect(result.status).toBe("partial");
    expect(result.credit).toBeCloseTo(5 / 7);
    const problems = result.findings.filter((f) => f.severity === "problem");
    expect(problems.map((f) => [f.code, f.file, f.line])).toEqual([
      ["DF001", "Dockerfile", 2],
      ["DF006", "Dockerfile", 9],
    ]);
  });

  it.each([
    ["near-miss", "Docker file"],
    ["txt-extension", "Dockerfile.txt"],
    ["lowercase", "dockerfile"],
  ])("%s: says the misnamed file was found and must be renamed", async (name, found) => {
    const result = await run(name);
    expect(result).toMatchObject({ status: "fail", credit: 0 });
    expect(result.findings).toEqual([
      expect.objectContaining({
        messageId: "file.nearMiss",
        code: "DF000",
        data: expect.objectContaining({ found }),
      }),
    ]);
  });

  it("fails with one finding when there is no Dockerfile at all", async () => {
    const result = await run("missing");
    expect(result.status).toBe("fail");
    expect(result.findings).toEqual([expect.objectContaining({ messageId: "file.missing", code: "DF000" })]);
  });

  it("fails with one finding on an empty Dockerfile", async () => {
    const result = await run("empty");
    expect(result.findings).toEqual([
      expect.objectContaining({ messageId: "file.empty", code: "DF000", file: "Dockerfile" }),
    ]);
  });

  it("fails when Dockerfile is a folder", async () => {
    const result = await run("folder-named-dockerfile");
    expect(result.findings).toEqual([expect.objectContaining({ messageId: "file.notFile" })]);
  });

  it("sees the repository's Requirements.txt against COPY requirements.txt, without charging the order rule", async () => {
    const result = await run("case-requirements");
    expect(result.findings.find((f) => f.messageId === "requirementsFirst.sourceCase")).toMatchObject({
      code: "DF003",
      severity: "info",
      data: expect.objectContaining({ found: "Requirements.txt" }),
    });
    expect(result.findings.filter((f) => f.code === "DF003" && f.severity === "problem")).toEqual([]);
  });

  it("reads a Dockerfile kept in a sub-folder and reports its repository path", async () => {
    const result = await run("subfolder", { root: "tp1" });
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(new Set(result.findings.map((f) => f.file))).toEqual(new Set(["tp1/Dockerfile"]));
  });

  it("is an error, not the student's fault, when the rubric names a path outside the submission", async () => {
    const result = await run("reference", { params: { file: "../mixed/Dockerfile" } });
    expect(result.status).toBe("error");
  });
});

describe("DF008 multi-stage (judged only when listed)", () => {
  it.each([
    ["multi-stage", "multiStage.ok", 9],
    ["multi-stage-prefix", "multiStage.ok", 8],
    ["reference", "multiStage.single", 2],
    ["stage-chain", "multiStage.nothingCopied", 7],
  ])("%s: %s at line %i", (fixture, messageId, line) => {
    const result = judge(fixture, { rules: ["multi-stage"] });
    expect(result.findings).toEqual([expect.objectContaining({ code: "DF008", messageId, line })]);
    expect(result.status).toBe(messageId === "multiStage.ok" ? "pass" : "fail");
  });

  it("says what was copied out of which stage, in both languages", () => {
    const result = judge("multi-stage-prefix", { rules: ["multi-stage"] });
    expect(rendered(dockerfile, result, "en")).toContain("copies /install out of the stage build (line 8)");
    expect(rendered(dockerfile, result, "fr")).toContain("copie /install depuis l'étape build (ligne 8)");
  });

  it("is not among the rules judged by default", () => {
    expect(judge("reference").findings.some((f) => f.code === "DF008")).toBe(false);
  });
});

function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".Dockerfile"))
    .map((name) => name.slice(0, -".Dockerfile".length));
}
