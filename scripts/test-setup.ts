// vitest globalSetup: the Docker tests run on a real engine, so the suite provisions one (and the base
// image) the way the demo does, then checks that nothing labelled by dockgrade is left afterwards.
import { execFileSync } from "node:child_process";

function sh(script: string): void {
  execFileSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"] });
}

function leftovers(): string[] {
  const found: string[] = [];
  const queries: Array<[string, string[]]> = [
    ["container", ["ps", "-a", "--filter", "label=dockgrade.run", "--format", "{{.ID}} {{.Names}}"]],
    ["image", ["images", "--filter", "label=dockgrade.run", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"]],
    ["volume", ["volume", "ls", "--filter", "label=dockgrade.run", "--format", "{{.Name}}"]],
    ["network", ["network", "ls", "--filter", "label=dockgrade.run", "--format", "{{.Name}}"]],
  ];
  for (const [kind, args] of queries) {
    const out = execFileSync("docker", args, { encoding: "utf8" }).trim();
    for (const line of out ? out.split("\n") : []) found.push(`${kind} ${line}`);
  }
  return found;
}

export function setup(): void {
  if (process.env.DOCKGRADE_SKIP_PROVISION === "1") return;
  sh("scripts/ensure-docker.sh");
  sh("scripts/ensure-base-image.sh");
}

export function teardown(): void {
  if (process.env.DOCKGRADE_SKIP_PROVISION === "1") return;
  const left = leftovers();
  if (left.length > 0) {
    throw new Error(
      `the test suite left Docker resources labelled dockgrade.run behind:\n${left.join("\n")}`,
    );
  }
}
