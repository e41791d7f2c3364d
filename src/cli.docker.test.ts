import { execFileSync, spawn } from "node:child_process";
import { access, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./batch/test-class.js";
import { packageRoot } from "./package-info.js";

function labelled(kind: "ps" | "images" | "volume" | "network"): string[] {
  const args = {
    ps: ["ps", "-a", "-q"],
    images: ["images", "-q"],
    volume: ["volume", "ls", "-q"],
    network: ["network", "ls", "-q"],
  }[kind];
  const out = execFileSync("docker", [...args, "--filter", "label=dockgrade.run"], {
    encoding: "utf8",
  }).trim();
  return out ? out.split("\n") : [];
}

describe("dockgrade check, interrupted", () => {
  it("on SIGTERM removes the containers, images, volumes and networks it made, then exits 143", async () => {
    expect(labelled("ps")).toEqual([]);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "check", "submissions-example/complete", "--no-out", "--lang", "en"],
      {
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const output = collect(child);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await containerAppears(output);
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    const notice =
      "dockgrade: interrupted: removing the containers, images, volumes and networks this run made in Docker";
    expect(output.stderr).toContain(notice);
    // The checks cut short are not reported as the harness's failures, and no report is printed.
    const after = output.stderr.slice(output.stderr.indexOf(notice));
    expect(after).not.toMatch(/ERROR|crashed/);
    expect(output.stdout).toBe("");
    expect([labelled("ps"), labelled("images"), labelled("volume"), labelled("network")]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  }, 180_000);
});

describe("dockgrade batch, interrupted", () => {
  it("on SIGINT records nothing for the submissions being graded, so the next run grades them", async () => {
    expect(labelled("ps")).toEqual([]);
    const base = await mkdtemp(path.join(os.tmpdir(), "dockgrade-interrupted-"));
    const students = ["anna", "basile"];
    try {
      await cp(path.join(EXAMPLES, "complete"), path.join(base, "class/anna"), { recursive: true });
      await cp(path.join(EXAMPLES, "shell-form-cmd"), path.join(base, "class/basile"), { recursive: true });
      const out = path.join(base, "out");
      const args = [path.join(packageRoot(), "bin/dockgrade.js"), "batch", path.join(base, "class")];
      const common = ["--out", out, "--lang", "en", "--jobs", "2"];
      const env = { ...process.env, CI: "true", NO_COLOR: "1" };
      const child = spawn(process.execPath, [...args, ...common], { env, stdio: ["ignore", "pipe", "pipe"] });
      const output = collect(child);
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      // A container runs once a submission's image is built: its container checks take seconds more.
      await containerAppears(output);
      child.kill("SIGINT");
      expect(await exited, output.stderr).toBe(130);
      expect(output.stderr).toContain("dockgrade: interrupted:");
      const recorded = await Promise.all(
        students.map((id) =>
          access(path.join(out, id, "result.json")).then(
            () => id,
            () => undefined,
          ),
        ),
      );
      // At least the submission whose container was seen was cut short, and left no record.
      expect(recorded.filter((id) => id === undefined).length).toBeGreaterThan(0);
      // A submission recorded before the signal was graded whole: none of its checks is the harness's error.
      for (const id of recorded) if (id) expect(await errorChecks(out, id)).toEqual([]);

      const again = spawn(process.execPath, [...args, ...common], { env, stdio: ["ignore", "pipe", "pipe"] });
      const rerun = collect(again);
      expect(await new Promise((resolve) => again.on("exit", resolve)), rerun.stderr).toBe(0);
      for (const id of students) {
        expect(await errorChecks(out, id)).toEqual([]);
        if (!recorded.includes(id)) expect(rerun.stderr).not.toMatch(new RegExp(`${id} .*unchanged`));
      }
      expect([labelled("ps"), labelled("images"), labelled("volume"), labelled("network")]).toEqual([
        [],
        [],
        [],
        [],
      ]);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  }, 300_000);
});

function collect(child: ReturnType<typeof spawn>): { stdout: string; stderr: string } {
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output.stderr += chunk;
  });
  return output;
}

/** Waits until the run has a container of its own (grading is under way), within two minutes. */
async function containerAppears(output: { stderr: string }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (labelled("ps").length === 0) {
    if (Date.now() > deadline)
      throw new Error(`no container appeared within 120 s; stderr:\n${output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The checks of a student's recorded report that the harness could not check. */
async function errorChecks(out: string, id: string): Promise<string[]> {
  const report = JSON.parse(await readFile(path.join(out, id, "report.json"), "utf8")) as {
    steps: Array<{ checks: Array<{ id: string; status: string }> }>;
  };
  return report.steps.flatMap((step) => step.checks.filter((c) => c.status === "error").map((c) => c.id));
}
