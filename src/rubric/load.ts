import { createHash } from "node:crypto";
import { access } from "node:fs/promises";
import path from "node:path";
import { parseImageReference } from "../analysis/image-reference.js";
import { displayPath } from "./format.js";
import { crossFieldProblems, type GraderSchemas, type ParsedStep } from "./rules.js";
import { AssignmentSchema, type AssignmentSpec, StepSchema, type StepSpec } from "./schema.js";
import {
  type Check,
  DEFAULT_BUILD,
  DEFAULT_DOCKERFILE,
  DEFAULT_LIMITS,
  DEFAULT_REPORT_CANDIDATES,
  DEFAULT_STEP_HEADING,
  DEFAULT_TIMEOUTS,
  type Rubric,
} from "./types.js";
import { schemaProblems, usePrecompiledValidators } from "./validate-schema.js";
import { fieldName, type Problem, positionOf, readYamlFile, type YamlFile } from "./yaml-file.js";

export type RubricLoad = { ok: true; rubric: Rubric } | { ok: false; problems: Problem[] };

const ASSIGNMENT_FILES = ["assignment.yaml", "assignment.yml"];

/**
 * Loads a rubric folder and checks it whole before anything runs: YAML syntax, schemas, grader parameters,
 * then the rules that span files. Returns every problem at once, each with file:line:column and field.
 */
export async function loadRubric(dir: string, registry: GraderSchemas): Promise<RubricLoad> {
  await usePrecompiledValidators();
  const root = path.resolve(dir);
  const assignmentFile = await firstExisting(ASSIGNMENT_FILES.map((name) => path.join(root, name)));
  if (!assignmentFile) {
    return {
      ok: false,
      problems: [
        {
          file: path.join(root, "assignment.yaml"),
          line: 1,
          column: 1,
          field: "",
          messageId: "noAssignment",
          data: { dir: displayPath(root) },
        },
      ],
    };
  }
  const read = await readYamlFile(assignmentFile);
  if (!read.yaml) return { ok: false, problems: read.problems };
  const assignmentYaml = read.yaml;
  const problems = schemaProblems(assignmentYaml, AssignmentSchema, assignmentYaml.value);
  const spec = assignmentYaml.value as AssignmentSpec;
  (spec.build?.allowedBases ?? []).forEach((value, index) => {
    if (typeof value !== "string" || parseImageReference(value)) return;
    const path = ["build", "allowedBases", index];
    problems.push({
      file: assignmentFile,
      ...positionOf(assignmentYaml, path),
      field: fieldName(path),
      messageId: "badImageReference",
      data: { value },
    });
  });
  const stepNames = Array.isArray(spec.steps)
    ? spec.steps.filter((s): s is string => typeof s === "string")
    : [];

  const steps: ParsedStep[] = [];
  for (const [index, name] of stepNames.entries()) {
    const file = path.join(root, name);
    if (path.dirname(file) !== root || !(await firstExisting([file]))) {
      const pos = positionOf(assignmentYaml, ["steps", index]);
      problems.push({
        file: assignmentFile,
        ...pos,
        field: `steps[${index}]`,
        messageId: "stepMissing",
        data: { file: name, dir: displayPath(root) },
      });
      continue;
    }
    const stepRead = await readYamlFile(file);
    problems.push(...stepRead.problems);
    if (!stepRead.yaml) continue;
    const stepProblems = schemaProblems(stepRead.yaml, StepSchema, stepRead.yaml.value);
    problems.push(...stepProblems);
    if (stepProblems.length === 0) steps.push({ yaml: stepRead.yaml, spec: stepRead.yaml.value as StepSpec });
  }
  // Cross-file rules only make sense once every file has the right shape.
  if (problems.length === 0) {
    problems.push(
      ...crossFieldProblems({ yaml: assignmentYaml, totalPoints: spec.totalPoints }, steps, registry),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rubric: buildRubric(root, assignmentYaml, spec, steps) };
}

function buildRubric(
  dir: string,
  assignmentYaml: YamlFile,
  spec: AssignmentSpec,
  steps: ParsedStep[],
): Rubric {
  const digest = createHash("sha256");
  digest.update(assignmentYaml.text);
  for (const step of steps) digest.update(`\0${path.basename(step.yaml.file)}\0${step.yaml.text}`);
  const { defaults, report, build, examples, image, ...rest } = spec;
  return {
    dir,
    ...(examples !== undefined ? { examplesDir: path.resolve(dir, examples) } : {}),
    digest: digest.digest("hex"),
    assignment: {
      ...rest,
      image: { name: image.name, tags: image.tags },
      timeouts: { ...DEFAULT_TIMEOUTS, ...defaults?.timeouts },
      limits: { ...DEFAULT_LIMITS, ...defaults?.limits },
      build: { ...DEFAULT_BUILD, ...build },
      reportCandidates: report?.candidates ?? DEFAULT_REPORT_CANDIDATES,
      stepHeading: report?.stepHeading ?? DEFAULT_STEP_HEADING,
      dockerfile: image.dockerfile ?? DEFAULT_DOCKERFILE,
    },
    steps: steps.map(({ yaml, spec: step }) => ({
      ...step,
      file: yaml.file,
      checks: step.checks.map((check, index): Check => {
        const pos = positionOf(yaml, ["checks", index]);
        return {
          ...check,
          params: check.params ?? {},
          needs: check.needs ?? [],
          visibility: check.visibility ?? "visible",
          stepId: step.id,
          origin: `${path.basename(yaml.file)}:${pos.line}:${pos.column}`,
        };
      }),
    })),
  };
}

async function firstExisting(files: string[]): Promise<string | undefined> {
  for (const file of files) {
    try {
      await access(file);
      return file;
    } catch {
      // try the next name
    }
  }
  return undefined;
}
