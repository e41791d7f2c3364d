import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graderFixtures } from "../src/grader/docker-test-context.js";
import claims from "./claims.js";

const { open, grade, text, close } = graderFixtures(claims);
let wrongDir: string;

beforeAll(async () => {
  // The complete example, its report changed to state what the course's real slim image would show.
  wrongDir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-claims-"));
  await cp("submissions-example/complete", wrongDir, { recursive: true });
  const readme = (await readFile(path.join(wrongDir, "README.md"), "utf8"))
    .replace("`docker image ls` affiche **242MB**.", "`docker image ls` affiche **133MB**.")
    .replace(/241 762 472 octets|241 760 505 octets/g, "?")
    .replace(/1 Go\)/, "1 000 Mo)")
    .replace(
      "Les **couches de l'image de base** pèsent presque tout",
      "La couche **`RUN pip install`** est la plus lourde",
    );
  await writeFile(path.join(wrongDir, "README.md"), readme);
  await open("complete", "submissions-example/complete", { reportFile: "README.md" });
  await open("wrong", wrongDir, { reportFile: "README.md" });
  await open("ok");
}, 120_000);

afterAll(async () => {
  expect(await close()).toEqual([]);
  await rm(wrongDir, { recursive: true, force: true });
}, 60_000);

describe("claims on the real engine", () => {
  it("passes the complete example, whose report states the stand-in base's figures", async () => {
    const result = await grade("complete");
    expect(result).toMatchObject({ status: "pass", credit: 1 });
    expect(result.details?.claims).toEqual({ layers: 1, size: 1, tags: 1 });
    expect(text(result)).toContain(
      "The report calls the FROM layer heavy (“Les couches de l'image de base pèsent presque tout",
    );
  }, 120_000);

  it("fails the sizes and heavy layers this machine's image contradicts", async () => {
    const result = await grade("wrong");
    expect(result.details?.claims).toEqual({ layers: 0.5, size: 0, tags: 1 });
    expect(result.status).toBe("partial");
    expect(result.findings.find((f) => f.messageId === "heavyFalse")).toMatchObject({ file: "README.md" });
    expect(text(result)).toMatch(
      /The report gives the image size as 133MB \(closest of its figures\), but the built image weighs 242MB/,
    );
  }, 120_000);

  it("is skipped when there is no report to read", async () => {
    const result = await grade("ok");
    expect(result).toMatchObject({ status: "skipped", findings: [{ messageId: "noReport" }] });
  }, 120_000);
});
