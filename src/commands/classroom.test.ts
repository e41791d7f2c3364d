// The Classroom step cancelled (the workflow's cancel signals the job): no grade, no summary, no outputs.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DockerBackend } from "../docker/backend.js";
import { bundledRubric } from "../package-info.js";
import { classroomCommand } from "./classroom.js";

/** An engine that is not there: the Docker checks are skipped, the others graded. */
const noEngine: DockerBackend = {
  probe: async () => ({ available: false, reason: "no engine in this test" }),
  open: async () => {
    throw new Error("no engine in this test");
  },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-classroom-unit-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("dockgrade classroom, cancelled", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ])(
    "after %s, gives no grade: nothing on stdout, in the summary or in the outputs; exit %i",
    async (signal, code) => {
      const env = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
      for (const file of Object.values(env)) await writeFile(file, "");
      const stdout: string[] = [];
      const exitCode = await classroomCommand(
        {
          source: "submissions-example/complete",
          rubricDir: bundledRubric(),
          lang: "en",
          docker: noEngine,
          env,
          signal: AbortSignal.abort(signal),
        },
        { stdout: (text) => stdout.push(text), stderr: () => {} },
      );
      expect(exitCode).toBe(code);
      expect(stdout.join("")).toBe("");
      expect(await readFile(env.GITHUB_OUTPUT, "utf8")).toBe("");
      expect(await readFile(env.GITHUB_STEP_SUMMARY, "utf8")).toBe("");
    },
  );
});
