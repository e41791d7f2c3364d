import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TSchema } from "@sinclair/typebox";
import type { ErrorObject, ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../graders/index.js";
import { patternProblem } from "../text/pattern.js";
import { precompiledValidatorsSource } from "./precompile-validators.js";
import { AssignmentSchema, StepSchema } from "./schema.js";
import { newAjv, type PrecompiledFactory, validatorKey } from "./validate-schema.js";

// The built CLI validates rubrics with validators ajv compiled at build time (dist/cli/rubric-validators.js);
// they must answer exactly as the validators compiled at run time: same verdict, same errors (what
// `rubric lint` turns into file:line:column problems), same defaults filled in the grader parameters.
const graderSchemas = [...registry.values()].map((grader) => grader.params);
let dir: string;
let precompiled: Record<string, ValidateFunction>;

/** Every rubric the repository holds, broken ones included: [label, file, parsed YAML]. */
async function rubricFiles(): Promise<Array<[string, string, unknown]>> {
  const folders = [
    ...(await readdir("rubrics")).map((name) => path.join("rubrics", name)),
    ...(await readdir("src/rubric/__fixtures__")).map((name) => path.join("src/rubric/__fixtures__", name)),
  ];
  const files: Array<[string, string, unknown]> = [];
  for (const folder of folders) {
    for (const name of (await readdir(folder)).filter((file) => /\.ya?ml$/.test(file))) {
      const file = path.join(folder, name);
      try {
        files.push([file, name, parse(await readFile(file, "utf8"), { maxAliasCount: 100 })]);
      } catch {
        // not YAML (bad-yaml, the alias bomb): never reaches a validator
      }
    }
  }
  return files;
}

/**
 * What a validation answers: verdict, the errors as lint reads them, and the value (defaults filled). As
 * JSON: the schemas in run-time errors also carry TypeBox's symbol keys, which no reader looks at.
 */
function answer(
  validate: ValidateFunction,
  value: unknown,
): { valid: boolean; errors: ErrorObject[]; value: unknown } {
  const copy = structuredClone(value);
  const valid = validate(copy);
  const errors: ErrorObject[] = validate.errors ?? [];
  return JSON.parse(JSON.stringify({ valid, errors, value: copy }));
}

describe("validators compiled at build time", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dockgrade-validators-"));
    const file = path.join(dir, "rubric-validators.js");
    await writeFile(
      file,
      precompiledValidatorsSource({ plain: [AssignmentSchema, StepSchema], defaulting: graderSchemas }),
    );
    const factory = ((await import(pathToFileURL(file).href)) as { default: PrecompiledFactory }).default;
    precompiled = factory(patternProblem, createRequire(import.meta.url));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("exist for the rubric's schemas and every grader's parameters", () => {
    const keys = [
      validatorKey(AssignmentSchema, false),
      validatorKey(StepSchema, false),
      ...graderSchemas.map((schema) => validatorKey(schema, true)),
    ];
    for (const key of keys) expect(typeof precompiled[key], key).toBe("function");
  });

  it("answer as run-time validators on every rubric and fixture (valid and broken)", async () => {
    const compare = (schema: TSchema, fillDefaults: boolean, value: unknown, where: string) => {
      const ahead = precompiled[validatorKey(schema, fillDefaults)] as ValidateFunction;
      const now = newAjv(fillDefaults).compile(schema);
      expect(answer(ahead, value), where).toEqual(answer(now, value));
    };
    let invalid = 0;
    let params = 0;
    for (const [file, name, value] of await rubricFiles()) {
      const assignment = /^assignment\.ya?ml$/.test(name);
      compare(assignment ? AssignmentSchema : StepSchema, false, value, file);
      if (!newAjv(false).compile(assignment ? AssignmentSchema : StepSchema)(value)) invalid++;
      const checks = (value as { checks?: Array<{ grader?: string; params?: unknown }> }).checks;
      for (const [index, check] of (Array.isArray(checks) ? checks : []).entries()) {
        const grader = registry.get(String(check?.grader));
        if (!grader) continue;
        compare(grader.params, true, check.params ?? {}, `${file} checks[${index}].params`);
        params++;
      }
    }
    // The comparison saw broken files and many parameters, not only valid ones.
    expect(invalid).toBeGreaterThan(3);
    expect(params).toBeGreaterThan(40);
  });

  it("report a bad rubric pattern as the run-time keyword does", () => {
    const schema = registry.get("report-section")?.params as TSchema;
    const ahead = precompiled[validatorKey(schema, true)] as ValidateFunction;
    const params = { section: "(unclosed", concepts: [] };
    const got = answer(ahead, params);
    expect(got.valid).toBe(false);
    expect(got.errors.some((error) => error.keyword === "rubricPattern")).toBe(true);
    expect(got).toEqual(answer(newAjv(true).compile(schema), params));
  });
});
