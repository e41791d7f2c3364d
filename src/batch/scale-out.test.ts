// docs/scale-out.md ships a GitHub Actions workflow and Kubernetes manifests: they must parse, have the
// structure each engine needs, and call only dockgrade commands and flags that exist.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { packageRoot } from "../package-info.js";
import { buildProgram } from "../program.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked by key, as the engines read it
type Yaml = any;

const doc = await readFile(path.join(packageRoot(), "docs/scale-out.md"), "utf8");
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const parsed = blocks.map((block) => parseAllDocuments(block).map((d) => d.toJS() as Yaml));
const workflow = parsed[0]?.[0] as Yaml;
const [gradeJob, mergeJob] = parsed[1] ?? [];

/** Every string in a YAML value, depth first. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** The dockgrade invocations in a document: from strings, and from exec-form command arrays. */
function invocations(value: unknown): string[][] {
  const found: string[][] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node) && node.every((item) => typeof item === "string")) {
      const at = node.findIndex((item) => /dockgrade(\.js)?$/.test(item));
      if (at >= 0) {
        found.push(node.slice(at + 1));
        return;
      }
    }
    if (typeof node === "string") {
      for (const match of node.matchAll(/dockgrade(?:\.js)?\s+([^\n&|;]*)/g))
        found.push((match[1] as string).match(/"[^"]*"|\S+/g) ?? []);
      return;
    }
    if (node && typeof node === "object") for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return found.filter((words) => words.length > 0);
}

function checkInvocation(program: Command, words: string[]): string[] {
  const [name, ...rest] = words;
  const command = program.commands.find((c) => c.name() === name);
  if (!command) return [`unknown command ${name}`];
  const longs = new Set(command.options.map((o) => o.long));
  return rest
    .filter((word) => word.startsWith("--"))
    .map((word) => word.split("=")[0] as string)
    .filter((flag) => !longs.has(flag))
    .map((flag) => `dockgrade ${name}: unknown flag ${flag}`);
}

describe("docs/scale-out.md", () => {
  it("has a workflow and two Kubernetes Jobs", () => {
    expect(blocks).toHaveLength(2);
    expect(workflow?.jobs).toBeDefined();
    expect(gradeJob?.kind).toBe("Job");
    expect(mergeJob?.kind).toBe("Job");
  });

  it("grades the shards of a matrix, then merges every shard", () => {
    const shards: number[] = workflow.jobs.grade.strategy.matrix.shard;
    expect(workflow.on.workflow_dispatch).toBeDefined();
    expect(workflow.jobs.grade.strategy["fail-fast"]).toBe(false);
    const run = strings(workflow.jobs.grade.steps).join("\n");
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(run).toContain("secrets.CLASSROOM_TOKEN");
    expect(workflow.jobs.merge.needs).toBe("grade");
    const merge = strings(workflow.jobs.merge.steps).join("\n");
    for (const shard of shards) expect(merge).toContain(`shards/shard-${shard}`);
    for (const job of Object.values(workflow.jobs) as Array<Yaml>) {
      expect(job["runs-on"]).toBe("ubuntu-latest");
      expect(Array.isArray(job.steps)).toBe(true);
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true);
    }
  });

  it("runs one indexed pod per shard, each with its own Docker engine, then merges", () => {
    const spec = gradeJob?.spec;
    expect(spec.completionMode).toBe("Indexed");
    expect(spec.parallelism).toBe(spec.completions);
    const pod = spec.template.spec;
    expect(pod.restartPolicy).toBe("Never");
    const engine = pod.initContainers.find((c: Yaml) => c.name === "docker");
    expect(engine.restartPolicy).toBe("Always");
    expect(engine.securityContext.privileged).toBe(true);
    const grade = pod.containers[0];
    expect(grade.env.find((e: Yaml) => e.name === "DOCKER_HOST").value).toBe("tcp://127.0.0.1:2375");
    expect(grade.env.find((e: Yaml) => e.name === "GITHUB_TOKEN").valueFrom.secretKeyRef).toBeDefined();
    const script = strings(grade.args).join("\n");
    expect(script).toContain("JOB_COMPLETION_INDEX");
    expect(script).toContain(`--shard "$SHARD/${spec.completions}"`);
    const mergeArgs: string[] = mergeJob?.spec.template.spec.containers[0].command;
    for (let shard = 1; shard <= spec.completions; shard++)
      expect(mergeArgs).toContain(`/results/shard-${shard}`);
  });

  it("calls only dockgrade commands and flags that exist", () => {
    const program = buildProgram();
    const calls = parsed.flat().flatMap(invocations);
    expect(calls.map((words) => words[0])).toEqual(["batch", "merge", "batch", "merge"]);
    expect(calls.flatMap((words) => checkInvocation(program, words))).toEqual([]);
    expect(checkInvocation(program, ["batch", "--no-such-flag"])).toEqual([
      "dockgrade batch: unknown flag --no-such-flag",
    ]);
  });
});
