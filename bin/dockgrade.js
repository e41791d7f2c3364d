#!/usr/bin/env node
// Thin launcher: checks the Node.js version, then runs the CLI compiled to dist/ by `npm install`
// (prepare) or `npm run build`. Plain JavaScript with no dependency, so it runs on any Node.js. Node's
// on-disk compile cache (Node >= 22.1; a no-op elsewhere) spares re-parsing the modules at each start.
import module from "node:module";
import { nodeVersionProblem } from "./node-version.js";

const problem = nodeVersionProblem(process.version, process.env);
if (problem) {
  console.error(`dockgrade: ${problem}`);
  process.exit(2);
}
module.enableCompileCache?.();
import("../dist/src/cli.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    console.error(
      "dockgrade: not built yet. Run `npm install` (or `npm run build`) in the dockgrade folder first.",
    );
    process.exit(2);
  }
  throw error;
});
