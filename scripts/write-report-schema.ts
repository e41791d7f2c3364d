// Writes docs/report.schema.json from the TypeBox definition in src/report/schema.ts (`npm run schema`).
import { writeFileSync } from "node:fs";
import { reportSchemaJson } from "../src/report/schema-json.js";

writeFileSync(new URL("../docs/report.schema.json", import.meta.url), reportSchemaJson());
console.log("wrote docs/report.schema.json");
