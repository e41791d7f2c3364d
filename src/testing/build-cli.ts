import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Builds the command line as `npm run build` does (tsc to dist/src/, then the bundle in dist/cli/ that
 * bin/dockgrade.js runs), so tests that spawn the launcher test what a user gets.
 */
export async function buildCli(): Promise<void> {
  await run("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"]);
  await run(process.execPath, ["scripts/bundle.mjs"]);
}
