// Writes docs/graders.md from the grader registry (`npm run docs`); a test keeps the two equal.
import { writeFileSync } from "node:fs";
import { registry } from "../graders/index.js";
import { graderReference } from "../src/docs/grader-docs.js";

writeFileSync(new URL("../docs/graders.md", import.meta.url), graderReference(registry));
console.log("wrote docs/graders.md");
