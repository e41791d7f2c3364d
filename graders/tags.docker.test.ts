import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraderResult } from "../src/grader/contract.js";
import { closeAll, type DockerTestContext, dockerTestContext } from "../src/grader/docker-test-context.js";
import { runWithDefaults } from "../src/grader/test-context.js";
import { renderMessage } from "../src/i18n/catalog.js";
import tags from "./tags.js";

const contexts: Record<string, DockerTestContext> = {};
let staleDir: string;
const grade = (name: string, params: Record<string, unknown> = {}) =>
  runWithDefaults(tags, (contexts[name] as DockerTestContext).ctx, params);
const text = (result: GraderResult) =>
  result.findings.map((f) => renderMessage(tags.messages, f.messageId, "en", f.data)).join("\n");
const repoTags = async (name: string) =>
  (await (contexts[name] as DockerTestContext).session.inspectImage()).RepoTags ?? [];

beforeAll(async () => {
  // The ok fixture with a report whose `latest` comes from the older 1.0.0 build.
  staleDir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-tags-stale-"));
  await cp("graders/__fixtures__/repos/ok", staleDir, { recursive: true });
  const readme =
    "# TP\n\n## Etape 5\n\n```bash\ndocker build -t quotegen:1.0.0 .\ndocker tag quotegen:1.0.0 quotegen:latest\ndocker build -t quotegen:1.1.0 .\n```\n";
  await writeFile(path.join(staleDir, "README.md"), readme);
  contexts.complete = await dockerTestContext("submissions-example/complete", { reportFile: "README.md" });
  contexts.ok = await dockerTestContext("graders/__fixtures__/repos/ok");
  contexts.stale = await dockerTestContext(staleDir, { reportFile: "README.md" });
}, 120_000);

afterAll(async () => {
  expect(await closeAll(Object.values(contexts))).toEqual([]);
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
    const runId = (contexts.complete as DockerTestContext).session.runId;
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
    const runId = (contexts.ok as DockerTestContext).session.runId;
    expect(await repoTags("ok")).toEqual([`dockgrade/${runId}/quotegen:1.1.0`]);
  }, 120_000);

  it("applies only the tags that land on the final image: a latest from an older build is not one", async () => {
    const result = await grade("stale");
    expect(result).toMatchObject({ status: "partial" });
    expect(result.credit).toBeCloseTo(2 / 3);
    expect(text(result)).toContain("quotegen:latest should name the same image as quotegen:1.1.0");
    const runId = (contexts.stale as DockerTestContext).session.runId;
    expect(await repoTags("stale")).toEqual([`dockgrade/${runId}/quotegen:1.1.0`]);
  }, 120_000);
});
