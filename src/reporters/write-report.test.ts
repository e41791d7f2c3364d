import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { writeReport } from "./write-report.js";

const report: Report = JSON.parse(await readFile("src/reporters/__fixtures__/report.json", "utf8"));
const hidden = report.steps.flatMap((s) => s.checks).find((c) => c.visibility === "hidden");
const dirs: string[] = [];

async function written(showHidden: boolean) {
  const out = await mkdtemp(path.join(tmpdir(), "dockgrade-write-"));
  dirs.push(out);
  const files = await writeReport(report, out, { showHidden });
  return { json: await readFile(files.json, "utf8"), md: await readFile(files.markdown, "utf8") };
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("writeReport", () => {
  it("leaves hidden checks out of report.md unless asked, and keeps them all in report.json", async () => {
    expect(hidden?.id).toBe("secret");
    const student = await written(false);
    expect(student.md).not.toContain("secret");
    expect(JSON.parse(student.json)).toEqual(report);
    const instructor = await written(true);
    expect(instructor.md).toContain("secret");
  });
});
