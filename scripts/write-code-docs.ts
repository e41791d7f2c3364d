// Writes docs/codes.md from graders/codes/ (`npm run docs`); a test keeps the two equal.
import { writeFileSync } from "node:fs";
import { CODES } from "../graders/codes/all-codes.js";
import { codeReference } from "../src/docs/code-docs.js";

writeFileSync(new URL("../docs/codes.md", import.meta.url), codeReference(CODES));
console.log("wrote docs/codes.md");
