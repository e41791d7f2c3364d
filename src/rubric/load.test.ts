import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { formatProblem, sortProblems } from "./format.js";
import { loadRubric } from "./load.js";

const fixtures = "src/rubric/__fixtures__";

async function lint(name: string, lang: "en" | "fr" = "en"): Promise<string[]> {
  const loaded = await loadRubric(path.join(fixtures, name), registry);
  if (loaded.ok) return [];
  return sortProblems(loaded.problems).map((problem) => formatProblem(problem, lang));
}

describe("loadRubric: broken rubrics are reported whole, with file:line:column and field", () => {
  it.each([
    [
      "bad-type",
      [
        `${fixtures}/bad-type/01-more.yaml:7:13 checks[0].points: expected a number`,
        `${fixtures}/bad-type/01-more.yaml:14:17 checks[1].visibility: expected one of: visible, hidden`,
        `${fixtures}/bad-type/01-more.yaml:15:5 checks[1].colour: unknown field "colour" (allowed: id, grader, points, title, description, params, needs, visibility, feedback, timeout)`,
      ],
    ],
    [
      "bad-graph",
      [
        `${fixtures}/bad-graph/01-more.yaml:8:12 checks[0].needs: dependency cycle: data-file -> hidden-one -> data-file`,
        `${fixtures}/bad-graph/01-more.yaml:12:13 checks[1].grader: unknown grader "filez" (did you mean "files"?) (known: ${[...registry.keys()].join(", ")})`,
        `${fixtures}/bad-graph/01-more.yaml:20:9 checks[2].id: duplicate check id "data-file" (first defined at ${fixtures}/bad-graph/01-more.yaml:5:9)`,
        `${fixtures}/bad-graph/01-more.yaml:23:13 checks[2].needs[0]: needs unknown check "app-filez" (did you mean "app-files"?)`,
      ],
    ],
    [
      "bad-params",
      [
        `${fixtures}/bad-params/00-tree.yaml:9:14 checks[0].params.paths: expected a list`,
        `${fixtures}/bad-params/00-tree.yaml:10:17 checks[0].params.nonEmpty: expected true or false`,
        `${fixtures}/bad-params/00-tree.yaml:11:7 checks[0].params.extra: unknown field "extra" (allowed: paths, nonEmpty)`,
      ],
    ],
    [
      "bad-build",
      [
        `${fixtures}/bad-build/assignment.yaml:11:12 build.network: expected one of: closed, index-only, open`,
        `${fixtures}/bad-build/assignment.yaml:12:26 build.indexHosts[1]: value "https://files.pythonhosted.org" does not match ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$`,
        `${fixtures}/bad-build/assignment.yaml:13:38 build.allowedBases[1]: "Python:3.12" is not an image name Docker accepts (lowercase name, optional :tag), for example python:3.12-slim`,
        `${fixtures}/bad-build/assignment.yaml:14:9 build.pids: expected a number >= 32`,
      ],
    ],
    [
      "bad-totals",
      [
        `${fixtures}/bad-totals/01-more.yaml:3:9 points: step "etape-1" declares 7 points but its checks add up to 6: make them equal`,
        `${fixtures}/bad-totals/assignment.yaml:6:14 totalPoints: totalPoints is 12 but the steps add up to 11: make them equal`,
      ],
    ],
    [
      "missing-fields",
      [
        `${fixtures}/missing-fields/00-tree.yaml:1:1 points: missing required field "points"`,
        `${fixtures}/missing-fields/00-tree.yaml:4:5 checks[0].grader: missing required field "grader"`,
      ],
    ],
    [
      "missing-step",
      [
        `${fixtures}/missing-step/assignment.yaml:15:5 steps[2]: step file "09-nowhere.yaml" does not exist in ${fixtures}/missing-step`,
      ],
    ],
    [
      "bad-pattern",
      [
        `${fixtures}/bad-pattern/00-report.yaml:9:16 checks[0].params.section: pattern "step\\s*2[" is not a valid regular expression (Unterminated character class): fix it (docs/rubric-guide.md, Patterns)`,
        `${fixtures}/bad-pattern/00-report.yaml:13:36 checks[0].params.concepts[0].phrases[1]: pattern "/cach(e|ed/" is not a valid regular expression (Unterminated group): fix it (docs/rubric-guide.md, Patterns)`,
        `${fixtures}/bad-pattern/01-run.yaml:12:30 checks[0].params.requests[0].headers.server: pattern "gunicorn(" is not a valid regular expression (Unterminated group): fix it (docs/rubric-guide.md, Patterns)`,
        `${fixtures}/bad-pattern/01-run.yaml:19:24 checks[1].params.excludedOutput[0]: pattern "Trace*+back" is not a valid regular expression (Nothing to repeat): fix it (docs/rubric-guide.md, Patterns)`,
      ],
    ],
    [
      "bad-yaml",
      [
        `${fixtures}/bad-yaml/00-tree.yaml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      ],
    ],
    [
      "alias-bomb",
      [
        `${fixtures}/alias-bomb/00-tree.yaml:1:1 too many YAML aliases (more than 100): refused as a possible alias bomb`,
      ],
    ],
    [
      "oversized",
      [
        `${fixtures}/oversized/00-tree.yaml:1:1 file is 300012 bytes; a rubric file may hold at most 262144 bytes`,
      ],
    ],
  ])("%s", async (name, expected) => {
    expect(await lint(name)).toEqual(expected);
  });

  it("speaks French too", async () => {
    expect(await lint("bad-totals", "fr")).toContain(
      `${fixtures}/bad-totals/01-more.yaml:3:9 points: l'étape "etape-1" annonce 7 points mais ses vérifications totalisent 6 : rendez-les égaux`,
    );
  });

  it("suggests a near name in the problem's language", async () => {
    const fr = await lint("bad-graph", "fr");
    expect(fr).toContain(
      `${fixtures}/bad-graph/01-more.yaml:23:13 checks[2].needs[0]: dépend d'une vérification inconnue "app-filez" (vouliez-vous dire "app-files" ?)`,
    );
    expect(fr.join("\n")).not.toMatch(/did you mean/);
  });

  it("names the missing assignment file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-rubric-"));
    const loaded = await loadRubric(dir, registry);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(formatProblem(loaded.problems[0]!, "en")).toMatch(/assignment\.yaml:1:1 no assignment\.yaml in/);
  });

  it("refuses an assignment-level pattern (report.stepHeading) at its position, in French too", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-rubric-"));
    for (const file of ["assignment.yaml", "00-tree.yaml", "01-more.yaml"])
      await copyFile(path.join(fixtures, "valid", file), path.join(dir, file));
    const assignment = path.join(dir, "assignment.yaml");
    const text = await readFile(assignment, "utf8");
    await writeFile(assignment, text.replace("steps:", "report:\n  stepHeading: '^(etape\\s*\\d'\nsteps:"));
    const loaded = await loadRubric(dir, registry);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(formatProblem(loaded.problems[0]!, "fr")).toMatch(
        /assignment\.yaml:13:16 report\.stepHeading: le motif "\^\(etape\\s\*\\d" n'est pas une expression régulière valide \(Unterminated group\)/,
      );
  });

  it("changing one point value breaks the totals with a clear message", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-rubric-"));
    for (const file of ["assignment.yaml", "00-tree.yaml", "01-more.yaml"])
      await copyFile(path.join(fixtures, "valid", file), path.join(dir, file));
    const step = path.join(dir, "00-tree.yaml");
    await writeFile(step, (await readFile(step, "utf8")).replace("    points: 4", "    points: 5"));
    const loaded = await loadRubric(dir, registry);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.problems.map((p) => p.messageId)).toEqual(["stepTotal"]);
      expect(formatProblem(loaded.problems[0]!, "en")).toContain(
        'step "etape-0" declares 4 points but its checks add up to 5',
      );
    }
  });
});

describe("loadRubric: a valid rubric", () => {
  it("fills defaults, keeps order and records where each check is defined", async () => {
    const loaded = await loadRubric(path.join(fixtures, "valid"), registry);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const { rubric } = loaded;
    expect(rubric.assignment.timeouts).toEqual({ build: 300, start: 30, check: 20 });
    expect(rubric.assignment.limits).toEqual({ memoryMb: 512, cpus: 1, pids: 256 });
    expect(rubric.assignment).toMatchObject({ stepHeading: "^etape\\s*\\d", dockerfile: "Dockerfile" });
    expect(rubric.examplesDir).toBeUndefined();
    expect(rubric.steps.map((s) => s.id)).toEqual(["etape-0", "etape-1"]);
    const [dataFile, hidden] = rubric.steps[1]!.checks;
    expect(dataFile).toMatchObject({
      id: "data-file",
      needs: ["app-files"],
      visibility: "visible",
      origin: "01-more.yaml:5:5",
    });
    expect(dataFile!.params).toEqual({ paths: ["data/quotes.txt"], nonEmpty: true });
    expect(hidden).toMatchObject({ visibility: "hidden", params: { nonEmpty: false } });
    expect(rubric.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
