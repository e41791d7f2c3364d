#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare) or `npm run build`.
// Node's on-disk compile cache (Node >= 22.1; a no-op elsewhere) spares re-parsing the modules at each start.
import module from "node:module";

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
