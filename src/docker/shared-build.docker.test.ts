import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixtureSubmission, testAssignment } from "../grader/test-context.js";
import { connectEngine } from "./engine.js";
import { openDockerSession } from "./open-session.js";
import { sharedBuilds } from "./shared-build.js";
import { leftovers } from "./test-support.js";

// Two sessions on identical content (same key) share one build: one image, tagged for each session, still
// usable by the second after the first closed, removed with the last one — nothing labelled left.
const app = path.join(fileURLToPath(new URL("./__fixtures__/", import.meta.url)), "app-ok");
const open = (key: string) =>
  openDockerSession({
    ...fixtureSubmission(app),
    assignment: testAssignment({ limits: { memoryMb: 256, cpus: 0.5, pids: 128 } }),
    buildNetwork: "none",
    shareBuild: key,
  });

describe("sessions sharing a build", () => {
  it("build once, tag for each, and remove the image with the last user", async () => {
    const key = `test-${Date.now()}`;
    const [first, second] = await Promise.all([open(key), open(key)]);
    const [a, b] = await Promise.all([first.image(), second.image()]);
    if (!a.ok || !b.ok) throw new Error(`build failed: ${JSON.stringify([a, b])}`);
    expect(a.imageId).toBe(b.imageId);
    expect([a.reference, b.reference]).toEqual([first.imageReference, second.imageReference]);
    const engine = await connectEngine();
    const tags = (await engine.getImage(a.imageId).inspect()).RepoTags ?? [];
    expect(tags).toEqual(expect.arrayContaining([first.imageReference, second.imageReference]));
    expect(sharedBuilds.size).toBe(1);

    await first.close();
    const container = await second.startContainer();
    expect((await container.inspect()).Image).toBe(a.imageId);
    await second.close();
    expect(sharedBuilds.size).toBe(0);
    await expect(engine.getImage(a.imageId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect([...(await leftovers(first.runId)), ...(await leftovers(second.runId))]).toEqual([]);
  }, 180_000);
});
