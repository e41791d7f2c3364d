import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderFixtures } from "../src/grader/docker-test-context.js";
import tags from "./tags.js";

const { context, open, grade, text, close } = graderFixtures(tags);
let staleDir: string;
const repoTags = async (name: string) => (await context(name).session.inspectImage()).RepoTags ?? [];

beforeAll(async () => {
  // The ok fixture with a report whose `latest` comes from the older 1.0.0 build.
  staleDir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-tags-stale-"));
  await cp("graders/__fixtures__/repos/ok", staleDir, { recursive: true });
  const readme =
    "# TP\n\n## Etape 5\n\n```bash\ndocker build -t quotegen:1.0.0 .\ndocker tag quotegen:1.0.0 quotegen:latest\ndocker build -t quotegen:1.1.0 .\n```\n";
  await writeFile(path.join(staleDir, "README.md"), readme);
  await open("complete", "submissions-example/complete", { reportFile: "README.md" });
  await open("ok");
  await open("stale", staleDir, { reportFile: "README.md" });
}, 120_000);

afterAll(async () => {
  expect(await close()).toEqual([]);
  await rm(staleDir, { recursive: true, force: true });
}, 60_000);

describe("tags on the real engine", () => {
  it("passes the complete example and puts its tags on the built image", async () => {
    const result = await grade("complete");
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.findings.map((f) => f.messageId)).toEqual([
      "tagOk",
      "tagOk",
      "semverOk",
      "alias",
      "applied",
    ]);
    const runId = context("complete").session.runId;
    const expected = [`dockgrade/${runId}/quotegen:1.1.0`, `dockgrade/${runId}/quotegen:latest`];
    expect(result.details?.references).toEqual(expected);
    expect((await repoTags("complete")).sort()).toEqual(expected);
    expect(text(result)).toContain(
      "registry.local:5000/quotegen:1.1.0 (from `docker tag quotegen:1.1.0 registry.local:5000/quotegen:1.1.0`) is another name",
    );
  }, 120_000);

  it("fails a submission that documents no command, and tags nothing", async () => {
    const result = await grade("ok");
    expect(result).toMatchObject({ status: "fail", credit: 0, findings: [{ messageId: "noCommands" }] });
    const runId = context("ok").session.runId;
    expect(await repoTags("ok")).toEqual([`dockgrade/${runId}/quotegen:1.1.0`]);
  }, 120_000);

  it("applies only the tags that land on the final image: a latest from an older build is not one", async () => {
    const result = await grade("stale");
    expect(result).toMatchObject({ status: "partial" });
    expect(result.credit).toBeCloseTo(2 / 3);
    expect(text(result)).toContain("quotegen:latest should name the same image as quotegen:1.1.0");
    const runId = context("stale").session.runId;
    expect(await repoTags("stale")).toEqual([`dockgrade/${runId}/quotegen:1.1.0`]);
  }, 120_000);
});
