// bin/dockgrade.js is plain JavaScript so it can tell a user of an older Node.js what to do.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
type Check = (version: string, env: Record<string, string>) => string | null;
const { nodeVersionProblem } = (await import("../bin/node-version.js" as string)) as {
  nodeVersionProblem: Check;
};

/** A Node.js older than 22 on this machine (Debian's /usr/bin/node), to run the launcher as a user would. */
async function olderNode(): Promise<string | undefined> {
  for (const candidate of ["/usr/bin/node", "/usr/local/bin/node"]) {
    const version = await run(candidate, ["--version"]).then(
      (r) => r.stdout.trim(),
      () => undefined,
    );
    if (version && Number(version.slice(1).split(".")[0]) < 22) return candidate;
  }
  return undefined;
}
const older = await olderNode();

describe("the launcher's Node.js version check", () => {
  it.each([
    ["v22.0.0", null],
    ["v24.1.0", null],
    ["22.3.0", null],
  ])("%s is recent enough", (version, expected) => expect(nodeVersionProblem(version, {})).toBe(expected));

  it.each([
    ["v20.11.1", "en_US.UTF-8", "dockgrade needs Node.js 22 or newer; this is Node.js v20.11.1."],
    [
      "v18.19.0",
      "fr_FR.UTF-8",
      "dockgrade a besoin de Node.js 22 ou plus récent ; celui-ci est Node.js v18.19.0.",
    ],
    ["16.20.2", "", "dockgrade a besoin de Node.js 22 ou plus récent ; celui-ci est Node.js v16.20.2."],
  ])("%s (LANG=%s) is refused, saying which version is needed and how to get it", (version, lang, first) => {
    const message = nodeVersionProblem(version, { LANG: lang }) ?? "";
    expect(message.split("\n")[0]).toBe(first);
    expect(message).toMatch(/nvm install 22/);
  });

  it.skipIf(!older)("on an older Node.js, exits 2 with that message instead of a stack trace", async () => {
    const result = await run(older as string, ["bin/dockgrade.js", "check", "."], {
      env: { ...process.env, LANG: "en_US.UTF-8" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in result && result.code).toBe(2);
    expect(result.stderr).toMatch(/^dockgrade: dockgrade needs Node\.js 22 or newer/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
