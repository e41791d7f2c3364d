// Preloaded with `node --import` by the start-up tests: records every module the process loads (ESM and
// CommonJS, through the synchronous module hooks) and writes the list, one URL a line, to the file named
// by DOCKGRADE_TRACE_IMPORTS when the process exits.
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on("exit", () => {
  const file = process.env.DOCKGRADE_TRACE_IMPORTS;
  if (file) writeFileSync(file, [...loaded].join("\n"));
});
