// The live progress of `dockgrade check` in a real terminal (tmux), during a real build: the running check
// with its elapsed time, the build's current step and last output line. The screen is kept as a test
// artifact (test-artifacts/check-progress.txt and .png).
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTerminalPng } from "../../scripts/render-terminal-png.js";
import { buildCli } from "../testing/build-cli.js";

const repo = process.cwd();
const ARTIFACTS = path.resolve("test-artifacts");
const socket = `dockgrade-progress-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
let dir: string;

beforeAll(async () => {
  await buildCli();
  dir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-progress-"));
}, 180_000);
afterAll(async () => {
  try {
    tmux("kill-server");
  } catch {
    // already gone
  }
  await rm(dir, { recursive: true, force: true });
});

async function waitForScreen(test: (screen: string) => boolean, ms: number): Promise<string> {
  const until = Date.now() + ms;
  let screen = "";
  while (Date.now() < until) {
    screen = tmux("capture-pane", "-p", "-t", "progress");
    if (test(screen)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the screen never showed what was awaited within ${ms / 1000} s:\n${screen}`);
}

describe("dockgrade check on a terminal", () => {
  it("shows the running check, the build step and its last output line, then a line per result", async () => {
    const lab = path.join(dir, "lab");
    await cp("submissions-example/complete", lab, { recursive: true });
    // A slow step that prints, never in the layer cache (the token changes every run).
    const dockerfile = (await readFile(path.join(lab, "Dockerfile"), "utf8")).replace(
      "COPY app.py .",
      `RUN echo "progress test ${Date.now()}" && for i in 1 2 3 4 5 6 7 8; do echo "preparing part $i of 8"; sleep 1; done\nCOPY app.py .`,
    );
    await writeFile(path.join(lab, "Dockerfile"), dockerfile);
    const rubric = path.join(repo, "src/batch/__fixtures__/rubric-small");
    const command = [
      `cd ${lab}`,
      `env -u CI NO_COLOR=1 ${process.execPath} ${repo}/bin/dockgrade.js check --lang en --rubric ${rubric} --no-out`,
      "echo EXIT=$?",
      "sleep 120",
    ].join("; ");
    tmux("new-session", "-d", "-s", "progress", "-x", "110", "-y", "32", command);

    const during = await waitForScreen((s) => /preparing part [3-7] of 8/.test(s), 240_000);
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(path.join(ARTIFACTS, "check-progress.txt"), during);
    await renderTerminalPng(during.trimEnd(), path.join(ARTIFACTS, "check-progress.png"), {
      title: "dockgrade check — during the build",
    });
    expect(during).toMatch(/PASS\s+Dockerfile present {2}2\/2/);
    expect(during).toMatch(/…\s+The image builds {2}\d+:\d\d/);
    expect(during).toMatch(/Step 5\/9 \(\d+:\d\d\): RUN echo "progress test \d+" && for i in/);
    expect(during).toMatch(/│ preparing part [3-7] of 8/);

    const after = await waitForScreen((s) => s.includes("EXIT="), 240_000);
    expect(after).toContain("EXIT=0");
    expect(after).toMatch(/PASS\s+The image builds {2}6\/6/);
    expect(after).toMatch(/PASS\s+GET \/quote answers a quote {2}6\/6/);
    // The live lines are gone once grading ends: no step line is left above the report.
    expect(after).not.toContain("│ preparing part");
  }, 600_000);
});
