import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

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
      ["--import", "tsx", "src/cli.ts", "check", "submissions-example/complete", "--no-out"],
      {
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Wait until the run has a container of its own, then interrupt it mid-grading.
    const deadline = Date.now() + 120_000;
    while (labelled("ps").length === 0) {
      if (Date.now() > deadline) throw new Error(`no container appeared within 120 s; stderr:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(143);
    expect(stderr).toMatch(/SIGTERM: removing the Docker objects of 1 open session/);
    expect([labelled("ps"), labelled("images"), labelled("volume"), labelled("network")]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  }, 180_000);
});
