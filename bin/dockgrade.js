#!/usr/bin/env node
// Thin launcher: checks the Node.js version, then runs the CLI compiled to dist/ by `npm install`
// (prepare) or `npm run build`. Plain JavaScript with no dependency, so it runs on any Node.js.
import { nodeVersionProblem } from "./node-version.js";

const problem = nodeVersionProblem(process.version, process.env);
if (problem) {
  console.error(`dockgrade: ${problem}`);
  process.exit(2);
}
import("../dist/src/cli.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    console.error(
      "dockgrade: not built yet. Run `npm install` (or `npm run build`) in the dockgrade folder first.",
    );
    process.exit(2);
  }
  throw error;
});
