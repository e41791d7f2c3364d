import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPORT_FORMATS } from "./reporters/index.js";

// The Classroom action and the workflows are code nobody runs here: their structure is checked instead.
const ACTION_DIR = ".github/actions/classroom";
const action = parse(readFileSync(`${ACTION_DIR}/action.yml`, "utf8"));
const ci = parse(readFileSync(".github/workflows/ci.yml", "utf8"));
const scripts = ["install-tools.sh", "install-dockgrade.sh", "grade.sh"].map((file) => ({
  file,
  text: readFileSync(path.join(ACTION_DIR, file), "utf8"),
}));
const packageScripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
const docs = readFileSync("docs/classroom.md", "utf8");

interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const steps = action.runs.steps as ActionStep[];

describe("the Classroom action (action.yml)", () => {
  it("is a composite action with a name, a description and described inputs and outputs", () => {
    expect(action).toMatchObject({ name: expect.any(String), description: expect.any(String) });
    expect(action.runs.using).toBe("composite");
    for (const input of Object.values(action.inputs) as Array<{ description?: string }>)
      expect(input.description).toBeTruthy();
    for (const output of Object.values(action.outputs) as Array<{ description?: string; value?: string }>)
      expect([output.description, output.value].every(Boolean)).toBe(true);
  });

  it("every run step names its shell; every script it runs exists; every input is used", () => {
    for (const step of steps.filter((s) => s.run)) expect(step.shell, step.name).toBe("bash");
    const runs = steps.map((s) => s.run ?? "").join("\n");
    for (const [, file] of runs.matchAll(/\$GITHUB_ACTION_PATH\/([\w.-]+)/g))
      expect(existsSync(path.join(ACTION_DIR, file ?? "")), file).toBe(true);
    const text = JSON.stringify(steps);
    for (const input of Object.keys(action.inputs)) expect(text).toContain(`inputs.${input} }}`);
    const envNames = steps.flatMap((s) => Object.keys(s.env ?? {}));
    for (const name of envNames)
      expect(
        scripts.some((s) => s.text.includes(`$${name}`) || s.text.includes(`\${${name}`)),
        name,
      ).toBe(true);
  });

  it("every output comes from a step that exists", () => {
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    for (const output of Object.values(action.outputs) as Array<{ value: string }>) {
      const [, id] = output.value.match(/steps\.([\w-]+)\.outputs/) ?? [];
      expect(ids.has(id), output.value).toBe(true);
    }
  });

  it("installs tesseract, caches npm, installs only production dependencies, leaves the job's Node alone", () => {
    const all = [JSON.stringify(steps), ...scripts.map((s) => s.text)].join("\n");
    expect(all).toContain("tesseract-ocr");
    expect(steps.find((s) => s.uses?.startsWith("actions/cache@"))?.with?.path).toBe("~/.npm");
    expect(all).toMatch(/npm ci [^\n]*--omit=dev/);
    expect(steps.some((s) => s.uses?.includes("setup-node"))).toBe(false);
    expect(all).not.toMatch(/>>\s*"?\$\{?GITHUB_(PATH|ENV)|base64 -w/);
  });
});

describe("the project's workflow (ci.yml)", () => {
  const jobs = Object.values(ci.jobs) as Array<{ "runs-on": string; steps: ActionStep[] }>;

  it("runs on every push and pull request, on ubuntu-latest", () => {
    expect(Object.keys(ci.on)).toEqual(["push", "pull_request"]);
    for (const job of jobs) expect(job["runs-on"]).toBe("ubuntu-latest");
  });

  it("runs types, lint, unit and Docker tests, with scripts that exist", () => {
    const runs = jobs.flatMap((job) => job.steps.map((s) => s.run ?? "")).join("\n");
    for (const script of ["typecheck", "lint", "test:unit", "test:docker"])
      expect(runs).toContain(`npm run ${script}`);
    for (const [, script] of runs.matchAll(/npm run ([\w:-]+)/g))
      expect(packageScripts, script).toHaveProperty(script ?? "");
  });

  it("uses the Classroom action as a student's workflow does", () => {
    const uses = jobs.flatMap((job) => job.steps).filter((s) => s.uses === `./${ACTION_DIR}`);
    expect(uses).toHaveLength(1);
    for (const key of Object.keys(uses[0]?.with ?? {})) expect(action.inputs).toHaveProperty(key);
  });
});

describe("docs/classroom.md", () => {
  it("its workflow parses, uses the action with real inputs, and names no reporter step", () => {
    const yaml = docs.match(/```yaml\n([\s\S]*?)```/)?.[1] ?? "";
    const workflow = parse(yaml);
    const jobSteps = (Object.values(workflow.jobs) as Array<{ steps: ActionStep[] }>)[0]?.steps ?? [];
    const step = jobSteps.find((s) => s.uses?.includes(".github/actions/classroom"));
    expect(step).toBeDefined();
    for (const key of Object.keys(step?.with ?? {})) expect(action.inputs).toHaveProperty(key);
    expect(yaml).not.toContain("autograding-grading-reporter");
  });

  it("the README's --format choices (check and render) are the CLI's", () => {
    const readme = readFileSync("README.md", "utf8");
    const lines = readme.split("\n").filter((l) => l.includes("[--format "));
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(
        line
          .match(/\[--format ([\w|]+)\]/)?.[1]
          ?.split("|")
          .sort(),
      ).toEqual([...REPORT_FORMATS].sort());
  });
});
