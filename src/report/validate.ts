import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import { REPORT_SCHEMA_VERSION, ReportSchema } from "./schema.js";

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
const validate = ajv.compile(ReportSchema);

/** Validates a report against the versioned schema; returns readable errors (empty when valid). */
export function reportErrors(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`,
  );
}

/**
 * Why a file is not a report this dockgrade reads, for a person: not a report at all (no `schemaVersion`
 * and `tool`), a report of another format version, or the fields that are missing or wrong (`where` as
 * `steps[0].checks[2].score`; empty for the whole file). Empty when the report is valid.
 */
export type ReportProblem =
  | { kind: "notReport" }
  | { kind: "otherVersion"; found: string; reads: string }
  | { kind: "missing"; where: string }
  | { kind: "wrongType"; where: string; expected: string }
  | { kind: "invalid"; where: string };

export function reportProblems(value: unknown): ReportProblem[] {
  if (validate(value)) return [];
  const fields = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  if (typeof fields.schemaVersion !== "string" || typeof fields.tool !== "object")
    return [{ kind: "notReport" }];
  const [major] = REPORT_SCHEMA_VERSION.split(".");
  if (!fields.schemaVersion.startsWith(`${major}.`))
    return [{ kind: "otherVersion", found: fields.schemaVersion, reads: `${major}.x` }];
  // One problem a place: a wrong value fails its type and its allowed values at once.
  const seen = new Set<string>();
  return (validate.errors ?? []).map(problemOf).filter((problem) => {
    if (seen.has(problem.where)) return false;
    seen.add(problem.where);
    return true;
  });
}

function problemOf(error: ErrorObject): Extract<ReportProblem, { where: string }> {
  const path = error.instancePath.split("/").slice(1);
  if (error.keyword === "required") path.push(String(error.params.missingProperty));
  const where = path.reduce(
    (text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    "",
  );
  if (error.keyword === "required") return { kind: "missing", where };
  if (error.keyword === "type") return { kind: "wrongType", where, expected: String(error.params.type) };
  return { kind: "invalid", where };
}
