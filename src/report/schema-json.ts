import { ReportSchema } from "./schema.js";

/** The report schema as the JSON Schema document committed in docs/ (draft-07, stable key order). */
export function reportSchemaJson(): string {
  const document = {
    $schema: "http://json-schema.org/draft-07/schema#",
    ...JSON.parse(JSON.stringify(ReportSchema)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
