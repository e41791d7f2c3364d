import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { registry } from "../graders/index.js";
import { reportErrors } from "./report/validate.js";
import { buildCli } from "./testing/build-cli.js";

const run = promisify(execFile);
const tsx = "node_modules/.bin/tsx";
// A socket nothing listens on: these tests pin the "no Docker engine" behaviour, fast and deterministic.
const noDocker = { ...process.env, DOCKER_HOST: "unix:///nonexistent/dockgrade-test.sock", NO_COLOR: "1" };

async function cli(args: string[], env: NodeJS.ProcessEnv = noDocker) {
  try {
    const { stdout, stderr } = await run(tsx, ["src/cli.ts", ...args], { env, maxBuffer: 10 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("dockgrade CLI", () => {
  beforeAll(async () => {
    // bin/dockgrade.js runs the compiled CLI: build it so the launcher is tested as a user gets it.
    await buildCli();
  }, 120_000);

  it("the bin launcher runs the built CLI", async () => {
    const { stdout } = await run("node", ["bin/dockgrade.js", "--version"]);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the package entry (`import("dockgrade")`, package.json `exports`) grades and renders', async () => {
    // Run by Node itself, from the package's own folder, so the import resolves through `exports`.
    const script = `
      const d = await import("dockgrade");
      const loaded = await d.loadRubric(d.bundledRubric(), d.graders);
      const noDocker = { probe: async () => ({ available: false, reason: "none" }), open: async () => { throw new Error("none"); } };
      const report = await d.gradeSource("submissions-example/complete", { rubric: loaded.rubric, lang: "en", docker: noDocker });
      const text = d.reporters.text(report, { color: false, showHidden: false });
      console.log(JSON.stringify({ version: report.schemaVersion, schema: d.REPORT_SCHEMA_VERSION, errors: d.reportErrors(report), formats: d.REPORT_FORMATS, text }));`;
    const { stdout } = await run("node", ["--input-type=module", "-e", script]);
    const out = JSON.parse(stdout);
    expect(out.version).toBe(out.schema);
    expect(out.errors).toEqual([]);
    expect(out.formats).toContain("junit");
    expect(out.text).toContain("Total:");
  });

  it("`rubric lint` accepts the bundled rubric", async () => {
    const result = await cli(["rubric", "lint", "rubrics/docker-basics", "--lang", "en"]);
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(
      /rubrics\/docker-basics: rubric is valid \(\d+ steps, \d+ checks, 100 points\)/,
    );
  });

  it("`rubric lint` lists every problem with file:line:column and exits 2", async () => {
    const result = await cli(["rubric", "lint", "src/rubric/__fixtures__/bad-totals", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("src/rubric/__fixtures__/bad-totals/01-more.yaml:3:9 points: step");
    expect(result.stderr).toContain("2 problem(s) in the rubric.");
  });

  it("`check --format json` prints only the JSON report on stdout; Docker checks are skipped with the reason", async () => {
    const result = await cli([
      "check",
      "submissions-example/complete",
      "--format",
      "json",
      "--no-out",
      "--lang",
      "en",
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(reportErrors(report)).toEqual([]);
    expect(report.environment.docker.available).toBe(false);
    const checks: Array<{ grader: string; status: string; message: string }> = report.steps.flatMap(
      (s: { checks: unknown[] }) => s.checks,
    );
    // Selected by what their grader requires, not by their message, so a wrong message fails too.
    const dockerChecks = checks.filter((c) => registry.get(c.grader)?.requires.includes("docker"));
    expect(dockerChecks.length).toBeGreaterThan(5);
    for (const check of dockerChecks) {
      expect(check.status, check.grader).toBe("skipped");
      expect(check.message).toMatch(/needs a Docker engine|must pass first/);
    }
    const staticChecks = checks.filter(
      (c: { grader: string }) => c.grader === "files" || c.grader === "dockerfile",
    );
    expect(staticChecks.length).toBeGreaterThan(0);
    for (const check of staticChecks) expect(check.status).toBe("pass");
  });

  it("exits 1 when --min-score is not reached, 2 for a missing submission or a broken rubric", async () => {
    expect(
      (await cli(["check", "submissions-example/complete", "--no-out", "--min-score", "101"])).code,
    ).toBe(1);
    const missing = await cli(["check", "/nonexistent/submission", "--no-out", "--lang", "en"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("/nonexistent/submission: not a folder");
    const broken = await cli([
      "check",
      "submissions-example/complete",
      "--rubric",
      "src/rubric/__fixtures__/bad-type",
      "--no-out",
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("01-more.yaml:7:13 checks[0].points");
  });

  it("rejects unknown options and languages with exit 2", async () => {
    expect((await cli(["check", "--lang", "de"])).code).toBe(2);
    expect((await cli(["check", "--frobnicate"])).code).toBe(2);
  });

  it("`render` turns a saved report.json into another format, and refuses what is not a report", async () => {
    const md = await cli(["render", "src/reporters/__fixtures__/report.json", "--format", "md"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("# TP Docker — quotegen — 7.5/20");
    expect(md.stdout).not.toContain("secret");
    const classroom = await cli([
      "render",
      "src/reporters/__fixtures__/report.json",
      "--format",
      "classroom",
    ]);
    expect(JSON.parse(classroom.stdout)).toMatchObject({ version: 1, max_score: 20 });
    const other = await cli(["render", "src/reporters/__fixtures__/report.json", "--lang", "en"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("graded with rubric docker-basics (digest aa), not with docker-basics");
    const bad = await cli(["render", "package.json", "--lang", "en"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("package.json: not a report written by dockgrade");
    const mauvais = await cli(["render", "package.json", "--lang", "fr"]);
    expect(mauvais.stderr).toContain("package.json : ce n'est pas un rapport écrit par dockgrade");
    expect(mauvais.stderr).not.toMatch(/must have required property/);
  });

  it("`render --lang en` re-words a French report in English, findings and titles included", async () => {
    const rubric = "src/batch/__fixtures__/rubric-small";
    const args = [
      "check",
      "submissions-example/shell-form-cmd",
      "--rubric",
      rubric,
      "--format",
      "json",
      "--no-out",
    ];
    const fr = await cli([...args, "--lang", "fr"]);
    const en = await cli([...args, "--lang", "en"]);
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-render-"));
    await writeFile(path.join(dir, "report.json"), fr.stdout);
    const rendered = await cli([
      "render",
      path.join(dir, "report.json"),
      "--lang",
      "en",
      "--rubric",
      rubric,
      "--format",
      "json",
    ]);
    await rm(dir, { recursive: true, force: true });
    expect(rendered.stderr).toBe("");
    const timeless = (text: string) => {
      const report = JSON.parse(text);
      for (const step of report.steps) for (const check of step.checks) check.durationMs = 0;
      return { ...report, startedAt: "", durationMs: 0 };
    };
    expect(JSON.parse(fr.stdout).lang).toBe("fr");
    expect(timeless(rendered.stdout)).toEqual(timeless(en.stdout));
  });
});
