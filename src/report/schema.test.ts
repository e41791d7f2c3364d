import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { reportSchemaJson } from "./schema-json.js";
import { reportErrors } from "./validate.js";

const committed = readFileSync("docs/report.schema.json", "utf8");

describe("report schema", () => {
  it("docs/report.schema.json is the one generated from src/report/schema.ts (run `npm run schema`)", () => {
    expect(committed).toBe(reportSchemaJson());
  });

  it("the committed schema is a valid JSON Schema that rejects a malformed report", () => {
    const ajv = new Ajv({ strict: false });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    const validate = ajv.compile(JSON.parse(committed));
    expect(validate({ schemaVersion: "1.0.0" })).toBe(false);
    expect(reportErrors({ schemaVersion: "1.0.0" }).join("\n")).toContain(
      "must have required property 'tool'",
    );
  });
});
