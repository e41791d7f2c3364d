import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { ReportSchema } from "./schema.js";

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
