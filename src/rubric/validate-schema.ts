import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Static, TSchema } from "@sinclair/typebox";
import {
  _,
  Ajv,
  type CodeKeywordDefinition,
  type ErrorObject,
  type Options,
  str,
  type ValidateFunction,
} from "ajv";
import { PATTERN_KEYWORD, patternProblem } from "../text/pattern.js";
import type { Problem, YamlFile, YamlPath } from "./yaml-file.js";
import { fieldName, positionOf } from "./yaml-file.js";

// Two validators: one reports (rubric structure), one also fills grader parameter defaults in place.
// The schemas are the code's own (TypeBox), so they are not checked against the JSON Schema meta-schema
// (`validateSchema: false`), and the generated code is not optimised (`optimize: false`): together they
// cut the time ajv spends compiling validators by about three quarters. The build goes further: it
// compiles the bundled schemas ahead of time (`precompile-validators.ts`, run by scripts/bundle.mjs),
// so the built CLI loads their code instead of compiling them (about 0.1 s of CPU a start).
export const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: false,
  verbose: true,
  validateSchema: false,
  code: { optimize: false },
};
// Rubric patterns are compiled while the rubric is validated (and cached for grading): a bad one is a
// problem at its file:line:column, never an error on every submission of the class. A keyword that
// generates code (calling `patternProblem`), so that ahead-of-time code can call it too.
const patternKeyword: CodeKeywordDefinition = {
  keyword: PATTERN_KEYWORD,
  type: "string",
  schemaType: "string",
  error: {
    message: ({ params }) => str`${params.detail}`,
    params: ({ params }) => _`{detail: ${params.detail}}`,
  },
  code(cxt) {
    const problem = cxt.gen.scopeValue("func", { ref: patternProblem, code: _`patternProblem` });
    const detail = cxt.gen.const("detail", _`${problem}(${cxt.schema}, ${cxt.data})`);
    cxt.setParams({ detail });
    cxt.fail(_`${detail} !== undefined`);
  },
};

/** An ajv with the rubric's options and keyword (`options` for the build's ahead-of-time compilation). */
export function newAjv(fillDefaults: boolean, options: Options = AJV_OPTIONS): Ajv {
  const ajv = new Ajv(fillDefaults ? { ...options, useDefaults: true } : options);
  ajv.addKeyword(patternKeyword);
  return ajv;
}
// Made on first use: a start whose validators are all precompiled never builds one.
let strictAjv: Ajv | undefined;
let defaultingAjv: Ajv | undefined;
function ajvFor(fillDefaults: boolean): Ajv {
  if (fillDefaults) {
    defaultingAjv ??= newAjv(true);
    return defaultingAjv;
  }
  strictAjv ??= newAjv(false);
  return strictAjv;
}

const compiled = new WeakMap<TSchema, { plain?: ValidateFunction; defaulting?: ValidateFunction }>();
/** Validators compiled ahead of time, by `validatorKey`; empty unless `usePrecompiledValidators` found some. */
let precompiled: Record<string, ValidateFunction> = {};

/**
 * The key of a schema's ahead-of-time validator: its JSON and whether it fills defaults. A schema changed
 * since the build (or one the build never saw: a grader added through the library) has no validator under
 * its key and is compiled as before.
 */
export function validatorKey(schema: TSchema, fillDefaults: boolean): string {
  const json = JSON.stringify(schema);
  return `${fillDefaults ? "d" : "p"}${createHash("sha256").update(json).digest("hex").slice(0, 32)}`;
}

function validatorFor(schema: TSchema, fillDefaults: boolean): ValidateFunction {
  const entry = compiled.get(schema) ?? {};
  compiled.set(schema, entry);
  const slot = fillDefaults ? "defaulting" : "plain";
  entry[slot] ??= precompiled[validatorKey(schema, fillDefaults)] ?? ajvFor(fillDefaults).compile(schema);
  return entry[slot];
}

let loading: Promise<void> | undefined;

/**
 * Loads the validators the build compiled ahead of time (rubric-validators.js beside this module: the
 * bundle's), once; without them (sources, dist/src/, a damaged file) every schema is compiled as before.
 */
export function usePrecompiledValidators(): Promise<void> {
  loading ??= import(new URL("./rubric-validators.js", import.meta.url).href)
    .then((module: { default: PrecompiledFactory }) => {
      precompiled = module.default(patternProblem, createRequire(import.meta.url));
    })
    .catch(() => undefined);
  return loading;
}

/** What rubric-validators.js exports (`precompiledValidatorsSource`): validators by `validatorKey`. */
export type PrecompiledFactory = (
  problem: typeof patternProblem,
  require: NodeJS.Require,
) => Record<string, ValidateFunction>;

/**
 * A check's params as the engine receives them: a copy, defaults filled by the same validator the rubric
 * loader uses. Throws when they do not fit the schema (for tests and tools; the loader reports instead).
 */
export function paramsWithDefaults<S extends TSchema>(schema: S, params: Record<string, unknown>): Static<S> {
  const filled = structuredClone(params);
  const validate = validatorFor(schema, true);
  if (!validate(filled))
    throw new Error(`params do not fit the schema: ${ajvFor(true).errorsText(validate.errors)}`);
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
