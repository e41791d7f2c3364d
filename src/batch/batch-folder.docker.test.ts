// A folder of submissions graded twice: the second run reuses exactly the unchanged ones. The cache key is
// the content graded — an edited file with no commit counts — and --force grades everything again.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockgrade, EXAMPLES, SMALL_RUBRIC } from "./test-class.js";

let base: string;
let published: string;
const args = () => [
  "batch",
  path.join(base, "class"),
  "--out",
  path.join(base, "out"),
  "--rubric",
  SMALL_RUBRIC,
];

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "dockgrade-folder-"));
  published = path.join(base, "published");
  for (const name of ["complete", "shell-form-cmd", "localhost-bind"])
    await cp(path.join(EXAMPLES, name), path.join(base, "class", name), { recursive: true });
  const first = await dockgrade([...args(), "--lang", "en"]);
  expect(first.code, first.stderr).toBe(0);
}, 300_000);

afterAll(() => rm(base, { recursive: true, force: true }));

describe("re-running a batch on a folder of submissions", () => {
  it("grades again only the submission whose files changed, even without a commit", async () => {
    const dockerfile = path.join(base, "class/shell-form-cmd/Dockerfile");
    const fixed = (await readFile(dockerfile, "utf8")).replace(
      /^CMD .*$/m,
      'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]',
    );
    await writeFile(dockerfile, fixed);
    const again = await dockgrade([...args(), "--lang", "en"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/\[\d\/3\] complete .*earlier report kept/);
    expect(again.stderr).toMatch(/\[\d\/3\] localhost-bind .*earlier report kept/);
    expect(again.stderr).toMatch(/\[\d\/3\] shell-form-cmd {2}20\/20 {2}\(graded, /);
  });

  it("grades everything again with --force, and flags a report copied from a published one", async () => {
    await cp(path.join(EXAMPLES, "complete/README.md"), path.join(published, "corrige-publie.md"));
    const forced = await dockgrade([...args(), "--force", "--lang", "fr", "--reference", published]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/3 rendus corrigés sur 3 \(0 inchangés et repris\)/);
    expect(await readFile(path.join(base, "out/grades.csv"), "utf8")).toMatch(/^Points maximum,/m);
    const summary = JSON.parse(await readFile(path.join(base, "out/summary.json"), "utf8"));
    expect(summary.similarity).toContainEqual(
      expect.objectContaining({
        a: "complete",
        b: "reference:corrige-publie.md",
        kind: "readme",
        reference: true,
      }),
    );
  });

  it("re-run unchanged: every report reused, the similarity kept, a deleted dashboard rebuilt", async () => {
    await rm(path.join(base, "out/index.html"));
    const again = await dockgrade([...args(), "--lang", "fr", "--reference", published]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/3 rendus corrigés sur 3 \(3 inchangés et repris\)/);
    expect(await readFile(path.join(base, "out/index.html"), "utf8")).toMatch(/corrige-publie\.md/);
    const summary = JSON.parse(await readFile(path.join(base, "out/summary.json"), "utf8"));
    expect(summary.similarity).toContainEqual(
      expect.objectContaining({ a: "complete", b: "reference:corrige-publie.md", reference: true }),
    );
  });
});
