#!/usr/bin/env node
// Thin launcher: checks the Node.js version, then runs the CLI compiled to dist/ by `npm install`
// (prepare) or `npm run build`. Plain JavaScript with no dependency, so it runs on any Node.js. Node's
// on-disk compile cache (Node >= 22.1; a no-op elsewhere) spares re-parsing the modules at each start.
// The build bundles the CLI into dist/cli/ (scripts/bundle.mjs): about ten files to load instead of about
// 750. It runs when it is at least as new as the modules tsc wrote to dist/src/, so a `tsc` alone, or an
// install without esbuild, runs those modules instead of a stale or missing bundle.
import { statSync } from "node:fs";
import module from "node:module";
import v8 from "node:v8";
import { nodeVersionProblem } from "./node-version.js";

const problem = nodeVersionProblem(process.version, process.env);
if (problem) {
  console.error(`dockgrade: ${problem}`);
  process.exit(2);
}
// A command lives seconds: V8's optimising compiler (TurboFan) was compiling, on helper threads, many
// functions that never ran long enough to pay it back. It now gets only those called 15,000 times (V8's
// default: 3,000); Maglev still optimises the others. A check's CPU: about 40 ms less (three alternated
// series of 9 to 11 checks); a class graded by one process: no slower (issue #11, docs/PERFORMANCE.md).
v8.setFlagsFromString("--invocation-count-for-turbofan=15000");
module.enableCompileCache?.();
import(cliEntry()).catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    console.error(
      "dockgrade: not built yet. Run `npm install` (or `npm run build`) in the dockgrade folder first.",
    );
    process.exit(2);
  }
  throw error;
});

/** dist/cli/cli.js (the bundle) when it is not older than dist/src/cli.js, else dist/src/cli.js. */
function cliEntry() {
  const bundle = new URL("../dist/cli/cli.js", import.meta.url);
  const modules = new URL("../dist/src/cli.js", import.meta.url);
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs ? bundle.href : modules.href;
  } catch {
    return modules.href;
  }
}
