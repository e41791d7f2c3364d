import type { Static, TSchema } from "@sinclair/typebox";
import { Ajv, type ErrorObject, type KeywordDefinition, type ValidateFunction } from "ajv";
import { PATTERN_KEYWORD, type PatternKind, patternProblem } from "../text/pattern.js";
import type { Problem, YamlFile, YamlPath } from "./yaml-file.js";
import { fieldName, positionOf } from "./yaml-file.js";

// Two validators: one reports (rubric structure), one also fills grader parameter defaults in place.
// The schemas are the code's own (TypeBox), so they are not checked against the JSON Schema meta-schema
// (`validateSchema: false`), and the generated code is not optimised (`optimize: false`): together they
// cut the time ajv spends compiling validators, most of what `rubric lint` costs, by about three quarters.
const fast = {
  allErrors: true,
  strict: false,
  verbose: true,
  validateSchema: false,
  code: { optimize: false },
};
const strictAjv = new Ajv(fast);
const defaultingAjv = new Ajv({ ...fast, useDefaults: true });
// Rubric patterns are compiled while the rubric is validated (and cached for grading): a bad one is a
// problem at its file:line:column, never an error on every submission of the class.
const patternKeyword: KeywordDefinition = {
  keyword: PATTERN_KEYWORD,
  type: "string",
  schemaType: "string",
  errors: true,
  validate: function validatePattern(kind: PatternKind, data: string): boolean {
    const detail = patternProblem(kind, data);
    if (detail === undefined) return true;
    (validatePattern as { errors?: Partial<ErrorObject>[] }).errors = [
      { keyword: PATTERN_KEYWORD, message: detail, params: { detail } },
    ];
    return false;
  },
};
for (const ajv of [strictAjv, defaultingAjv]) ajv.addKeyword(patternKeyword);
const compiled = new WeakMap<TSchema, { plain?: ValidateFunction; defaulting?: ValidateFunction }>();

function validatorFor(schema: TSchema, fillDefaults: boolean): ValidateFunction {
  const entry = compiled.get(schema) ?? {};
  compiled.set(schema, entry);
  if (fillDefaults) {
    entry.defaulting ??= defaultingAjv.compile(schema);
    return entry.defaulting;
  }
  entry.plain ??= strictAjv.compile(schema);
  return entry.plain;
}

/**
 * A check's params as the engine receives them: a copy, defaults filled by the same validator the rubric
 * loader uses. Throws when they do not fit the schema (for tests and tools; the loader reports instead).
 */
export function paramsWithDefaults<S extends TSchema>(schema: S, params: Record<string, unknown>): Static<S> {
  const filled = structuredClone(params);
  const validate = validatorFor(schema, true);
  if (!validate(filled))
    throw new Error(`params do not fit the schema: ${defaultingAjv.errorsText(validate.errors)}`);
  return filled as Static<S>;
}

/**
 * Validates `value` (found at `base` inside `yaml`) against `schema` and turns every error into a problem
 * with its file:line:column. With `fillDefaults`, missing fields that have defaults are filled in `value`.
 */
export function schemaProblems(
  yaml: YamlFile,
  schema: TSchema,
  value: unknown,
  base: YamlPath = [],
  fillDefaults = false,
): Problem[] {
  const validate = validatorFor(schema, fillDefaults);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // A union (anyOf) reports each branch's error too; keep only the union's own, clearer, error.
  const unionPaths = errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath);
  const kept = errors.filter(
    (e) =>
      e.keyword === "anyOf" ||
      !unionPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
  );
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of kept) {
    const problem = toProblem(yaml, error, base);
    const key = `${problem.line}:${problem.column}:${problem.field}:${problem.messageId}:${JSON.stringify(problem.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function toProblem(yaml: YamlFile, error: ErrorObject, base: YamlPath): Problem {
  const path: Array<string | number> = [...base, ...pointerToPath(error.instancePath)];
  const p = error.params as Record<string, unknown>;
  const make = (
    messageId: Problem["messageId"],
    data: Problem["data"],
    at: YamlPath = path,
    atKey = false,
  ) => {
    const pos = positionOf(yaml, at, atKey);
    return { file: yaml.file, ...pos, field: fieldName(at), messageId, data };
  };
  switch (error.keyword) {
    case "type":
      return make("type", { expected: String(p.type) });
    case "required":
      return make("required", { field: String(p.missingProperty) }, [...path, String(p.missingProperty)]);
    case "additionalProperties": {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).join(
        ", ",
      );
      return make(
        "unknownField",
        { field: String(p.additionalProperty), allowed },
        [...path, String(p.additionalProperty)],
        true,
      );
    }
    case "enum":
      return make("enum", { allowed: (p.allowedValues as unknown[]).join(", ") });
    case "const":
      return make("enum", { allowed: String(p.allowedValue) });
    case "anyOf": {
      const branches = (error.schema as Array<{ const?: unknown }>) ?? [];
      if (branches.length > 0 && branches.every((b) => "const" in b)) {
        return make("enum", { allowed: branches.map((b) => String(b.const)).join(", ") });
      }
      return make("type", {
        expected: (error.parentSchema as { description?: string })?.description ?? "union",
      });
    }
    case PATTERN_KEYWORD:
      return make("badPattern", { value: String(valueAt(yaml, path)), detail: String(p.detail) });
    case "pattern":
      return make("pattern", { value: String(valueAt(yaml, path)), pattern: String(p.pattern) });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return make("range", { comparison: String(p.comparison), limit: Number(p.limit) });
    case "minItems":
    case "maxItems":
    case "minLength":
    case "maxLength":
      return make("length", {
        comparison: error.keyword.startsWith("min") ? ">=" : "<=",
        limit: Number(p.limit),
      });
    default:
      return make("invalid", { detail: error.message ?? error.keyword });
  }
}

function valueAt(yaml: YamlFile, path: YamlPath): unknown {
  const node = yaml.doc.getIn(path, false);
  return node;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
