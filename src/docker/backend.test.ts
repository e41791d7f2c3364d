import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../program.js";
import type { DockerBackend } from "./backend.js";
import type { PullPolicy } from "./session.js";

/** A backend that records the pull policy each session is opened with, then refuses to open one. */
function recordingBackend(seen: Array<PullPolicy | undefined>): DockerBackend {
  return {
    probe: async () => ({ available: true, version: "test", apiVersion: "1.41" }),
    open: async (input) => {
      seen.push(input.pullPolicy);
      throw new Error("no engine in this test");
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("--pull", () => {
  it.each([
    [[], "missing"],
    [["--pull", "never"], "never"],
    [["--pull", "always"], "always"],
  ] as const)("check %j opens Docker sessions with the pull policy %s", async (flags, policy) => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockgrade-pull-cli-"));
    await writeFile(path.join(dir, "Dockerfile"), "FROM python:3.12-slim\n");
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const seen: Array<PullPolicy | undefined> = [];
    const program = buildProgram(recordingBackend(seen));
    await program.parseAsync(["check", dir, "--no-out", "--format", "json", ...flags], { from: "user" });
    expect(seen).toEqual([policy]);
  });

  it("refuses a policy it does not know, naming the choices", async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((text) => errors.push(String(text)) > 0);
    const program = buildProgram(recordingBackend([]));
    await expect(
      program.parseAsync(["check", ".", "--pull", "sometimes"], { from: "user" }),
    ).rejects.toThrow();
    expect(errors.join("")).toMatch(/missing, always, never/);
  });
});
