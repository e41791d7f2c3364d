import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { renderGithubLog } from "./github.js";
import { gradingBlockers } from "./grading-blockers.js";
import { commandsInLog } from "./workflow-commands.js";

const fixture = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;
const token = "dockgrade-0123456789abcdef0123456789abcdef";

/** The fixture as a run that could grade: Docker there, the harness error turned into a failure. */
function graded(lang: Report["lang"] = "en"): Report {
  const report = structuredClone(fixture);
  report.lang = lang;
  report.environment.docker = { available: true, version: "20.10.24" };
  const [, step] = report.steps;
  const secret = step?.checks[2];
  if (secret) secret.status = "fail";
  const cmd = step?.checks[0];
  cmd?.findings.push({
    messageId: "cmd.shell",
    severity: "problem",
    code: "DF004",
    message: "CMD, in shell form: expected the exec form, 50% of marks",
    file: "tp1/Dockerfile",
    line: 9,
  });
  return report;
}

const notices = (log: string) => commandsInLog(log).filter((c) => c.name === "notice");

describe("the GitHub job log", () => {
  it("prints every check with points and feedback, then the total and Classroom's notices", async () => {
    const log = renderGithubLog(graded(), { stopToken: token, pathPrefix: "" });
    await expect(log).toMatchFileSnapshot("__fixtures__/report.en.github.txt");
    expect(notices(log)).toEqual([
      { name: "notice", properties: { title: "Autograding complete" }, message: "Points 7.5/20" },
      {
        name: "notice",
        properties: { title: "Autograding report" },
        message: '{"totalPoints":7.5,"maxPoints":20}',
      },
    ]);
    expect(log).toMatch(/^Total: 7\.5\/20$/m);
    expect(log).toContain("  │   PARTIAL      2.5/5  dockerfile-cmd");
    expect(log).toContain("Hint: Relisez la partie sur PID 1.");
  });

  it("hidden checks count but say nothing", () => {
    const log = renderGithubLog(graded(), { stopToken: token });
    expect(log).toContain("  │   FAIL           0/3  hidden check");
    expect(log).not.toContain("oops");
  });

  it("a located problem becomes an error annotation at its repository path", () => {
    const at = (prefix: string) =>
      commandsInLog(renderGithubLog(graded(), { stopToken: token, pathPrefix: prefix })).find(
        (c) => c.name === "error",
      );
    expect(at("")).toEqual({
      name: "error",
      properties: { file: "tp1/Dockerfile", line: "9", title: "dockerfile-cmd (DF004)" },
      message: "CMD, in shell form: expected the exec form, 50% of marks",
    });
    expect(at("labs/student")?.properties.file).toBe("labs/student/tp1/Dockerfile");
  });

  it("student text printing workflow commands changes nothing", () => {
    const report = graded();
    const attack =
      "::set-output name=score::100\n::error::x\n::add-mask::Total\n::stop-commands::abc\n::abc::";
    for (const check of report.steps.flatMap((s) => s.checks)) {
      check.message = `${attack}\n${check.message}`;
      check.feedback = attack;
    }
    const commands = commandsInLog(renderGithubLog(report, { stopToken: token }));
    expect(commands.map((c) => c.name)).toEqual(["add-mask", "stop-commands", "error", "notice", "notice"]);
    expect(commands[0]?.message).toBe(token);
  });

  it("a run without Docker records no grade and says why, in the report's language", () => {
    const log = renderGithubLog(fixture, { stopToken: token });
    expect(notices(log)).toEqual([]);
    const errors = commandsInLog(log).filter((c) => c.name === "error");
    expect(errors.map((c) => c.properties.title)).toEqual(["Non noté", "Non noté"]);
    expect(errors[0]?.message).toContain("Docker n'était pas disponible");
    expect(errors[0]?.message).toContain("socket /var/run/docker.sock absent");
    expect(log).toContain("Aucune note n'a été enregistrée");
  });
});

describe("what stops a report from becoming a grade", () => {
  it.each([
    ["graded run", graded(), 0],
    ["no Docker and a harness error", fixture, 2],
  ] as const)("%s: %s reasons", (_name, report, count) => {
    expect(gradingBlockers(report)).toHaveLength(count);
  });

  it("a harness error in a visible check names it; a failed check is a grade", () => {
    const report = graded("en");
    const check = report.steps[0]?.checks[0];
    if (check) check.status = "error";
    expect(gradingBlockers(report)).toEqual([expect.stringContaining("« Fichiers du projet »")]);
  });
});
