// Hostile submissions against the build sandbox, on the real engine: a loopback server holds a secret that
// ADD, COPY --from, FROM and RUN try to read; a package index test host on its own network is the only thing
// an index-only build reaches. Every test checks its verdict; afterAll checks nothing labelled and no
// temporary folder is left. Traffic goes only to 127.0.0.1, to the host's docker0 address (a listener of
// ours that the sandbox must keep unreachable) and to networks this file creates.
import { access, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import build from "../../graders/build.js";
import { registry } from "../../graders/index.js";
import { gradeResolved } from "../engine/grade-source.js";
import type { GraderContext } from "../grader/contract.js";
import { fixtureSubmission, rendered, runWithDefaults, testAssignment } from "../grader/test-context.js";
import { reportErrors } from "../report/validate.js";
import { reporters } from "../reporters/index.js";
import { loadRubric } from "../rubric/load.js";
import { type BuildPolicy, DEFAULT_BUILD } from "../rubric/types.js";
import { connectEngine, type Engine } from "./engine.js";
import {
  bridgeGateway,
  materialize,
  packageIndex,
  SECRET,
  secretServer,
  solutionImage,
} from "./hostile-support.js";
import { LABEL, newRunId } from "./labels.js";
import { openDockerSession } from "./open-session.js";
import { probeDocker } from "./probe.js";
import { listLabelled, removeLabelled } from "./resources.js";
import type { BuildOutcome, DockerSession } from "./session.js";
import { engineHoldsStepsUnderHolder, leftovers } from "./test-support.js";

const testRun = newRunId();
const servers: Server[] = [];
const dirs: string[] = [];
const sessions: DockerSession[] = [];
let engine: Engine;
let loopbackUrl: string;
let hostUrl: string;
let solution: string;
let indexNetwork: string;

beforeAll(async () => {
  engine = await connectEngine();
  const loopback = await secretServer();
  // The host as containers on the default bridge see it: the sandbox must keep build steps from reaching it.
  const host = await secretServer(await bridgeGateway(engine));
  servers.push(loopback.server, host.server);
  loopbackUrl = loopback.url;
  hostUrl = host.url;
  solution = await solutionImage(engine, testRun);
  indexNetwork = (await packageIndex(engine, testRun)).network;
}, 180_000);

afterAll(async () => {
  for (const session of sessions) await session.close();
  const left = (await Promise.all(sessions.map((s) => leftovers(s.runId)))).flat();
  await removeLabelled(engine, await listLabelled(engine, testRun));
  for (const server of servers) server.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  expect(left).toEqual([]);
  expect(await leftovers(testRun)).toEqual([]);
  for (const dir of dirs) await expect(access(dir)).rejects.toThrow();
}, 120_000);

/**
 * Builds a hostile fixture in a session with the given policy; returns the outcome and the build verdict.
 * `opened` is called with the session before its build starts.
 */
async function attempt(
  fixture: string,
  policy: Partial<BuildPolicy> = {},
  opened?: (session: DockerSession) => Promise<void>,
) {
  const targets = `${loopbackUrl} ${hostUrl} http://169.254.169.254/latest/meta-data/`;
  const port = new URL(loopbackUrl).port;
  const dir = await materialize(fixture, { PORT: port, SOLUTION: solution, TARGETS: targets });
  dirs.push(dir);
  const { submission, files } = fixtureSubmission(dir);
  const assignment = testAssignment({
    build: { ...DEFAULT_BUILD, allowedBases: ["python:3.12-slim"], indexHosts: ["pyindex:8080"], ...policy },
  });
  const session = await openDockerSession({
    submission,
    files,
    assignment,
    buildEgressNetwork: indexNetwork,
  });
  sessions.push(session);
  await opened?.(session);
  const outcome: BuildOutcome = await session.image();
  const ctx: GraderContext = {
    lang: "en",
    submission,
    files,
    assignment,
    check: { id: "build", points: 1, timeoutMs: 300_000 },
    docker: session,
    signal: new AbortController().signal,
    log: () => {},
  };
  const verdict = await runWithDefaults(build, ctx, {});
  const text = `${JSON.stringify(outcome)}\n${JSON.stringify(verdict)}\n${rendered(build, verdict)}`;
  return { outcome, verdict, text, session };
}

/** The containers the engine announces as created for a run (name → id), until `stop`. */
async function createdContainers(runId: string) {
  const filters = { type: ["container" as const], event: ["create"], label: [`${LABEL.run}=${runId}`] };
  const stream = (await engine.getEvents({ filters })) as NodeJS.ReadableStream & { destroy(): void };
  const created = new Map<string, string>();
  let rest = "";
  stream.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines.filter((l) => l.trim())) {
      const event = JSON.parse(line) as { Actor: { ID: string; Attributes: { name?: string } } };
      created.set(event.Actor.Attributes.name ?? event.Actor.ID, event.Actor.ID);
    }
  });
  return { created, stop: () => stream.destroy() };
}

describe("the build sandbox refuses, before building, what would leave it", () => {
  it("ADD of a URL on the host's loopback", async () => {
    const { outcome, verdict, text } = await attempt("add-url");
    expect(outcome).toMatchObject({ ok: false, reason: "refused", refusals: [{ line: 2, kind: "add-url" }] });
    expect(verdict.status).toBe("fail");
    expect(verdict.findings).toMatchObject([{ code: "B005", line: 2, file: "Dockerfile" }]);
    expect(text).not.toContain(SECRET);
  }, 120_000);

  it("COPY --from and FROM of an image that exists only on the grading engine", async () => {
    for (const [fixture, line] of [
      ["copy-from", 2],
      ["from-solution", 1],
    ] as const) {
      const { outcome, verdict, text } = await attempt(fixture);
      expect(outcome).toMatchObject({
        ok: false,
        reason: "refused",
        refusals: [{ line, kind: "local-image" }],
      });
      expect(verdict).toMatchObject({ status: "fail", findings: [{ code: "B006", line }] });
      expect(rendered(build, verdict)).toContain("exists only on the grading machine");
      expect(text).not.toContain(SECRET);
    }
  }, 120_000);
});

describe("RUN steps reach neither the host, its loopback nor metadata addresses", () => {
  for (const network of ["closed", "index-only"] as const) {
    it(`${network}: every attempt is blocked and the secret is quoted nowhere`, async () => {
      const { outcome, verdict, text, session } = await attempt("reach", { network });
      expect(outcome).toMatchObject({ ok: false, reason: "failed" });
      expect(verdict.status).toBe("fail");
      const lines = outcome.ok ? [] : outcome.lastLines.join("\n");
      expect(lines).toMatch(/blocked http:\/\/127\.0\.0\.1/);
      expect(lines).not.toMatch(/REACHED/);
      if (network === "index-only") expect(lines).toMatch(/is not an allowed package index host|403/);
      expect(session.buildSandbox).toMatchObject({ network });
      expect(text).not.toContain(SECRET);
    }, 180_000);
  }
});

describe("index-only: packages come from the index, and only from there", () => {
  it("installs a wheel from the package index test host while the host stays unreachable", async () => {
    const { outcome, verdict, session } = await attempt("index", { network: "index-only" });
    if (!outcome.ok) throw new Error(`build failed: ${outcome.message}\n${outcome.lastLines.join("\n")}`);
    expect(outcome.logTail.join("\n")).toContain("dgdemo-from-the-test-index");
    expect(outcome.logTail.join("\n")).not.toContain("REACHED");
    expect(verdict.status).toBe("pass");
    expect(session.buildSandbox).toEqual({
      network: "index-only",
      indexHosts: ["pyindex:8080"],
      pidsLimit: expect.any(String),
    });
    // Nothing of the sandbox outlives the build, while the session (its image) stays open for the checks.
    const sandboxLeft = async () => {
      const listed = await listLabelled(engine, session.runId);
      return [...listed.containers.map((c) => c.Names?.[0] ?? c.Id), ...listed.networks.map((n) => n.Name)];
    };
    await expect.poll(sandboxLeft, { timeout: 30_000, interval: 200 }).toEqual([]);
    expect((await listLabelled(engine, session.runId)).images).toHaveLength(1);
  }, 240_000);

  it("one container is both the proxy and, on cgroup v1 with cgroupfs, the RUN steps' limits holder", async () => {
    const holds = await engineHoldsStepsUnderHolder();
    let watched: Awaited<ReturnType<typeof createdContainers>> | undefined;
    const { outcome, session } = await attempt(
      "index-held",
      { network: "index-only", pids: 64 },
      async (s) => {
        watched = await createdContainers(s.runId);
      },
    );
    watched?.stop();
    if (!outcome.ok) throw new Error(`build failed: ${outcome.message}\n${outcome.lastLines.join("\n")}`);
    const log = outcome.logTail.join("\n");
    // It relayed to the index test host...
    expect(log).toContain("dgdemo-from-the-test-index");
    // ...it is the only container the harness made for the build...
    const made = [...(watched?.created ?? new Map<string, string>())].filter(([name]) =>
      name.startsWith(`dockgrade-${session.runId}-`),
    );
    const role = holds ? "sandbox" : "proxy";
    expect(made.map(([name]) => name)).toEqual([`dockgrade-${session.runId}-${role}`]);
    // ...and, where the engine allows it, the RUN step runs in a cgroup under its own, which holds the fork
    // bomb that follows the download to the build's PID limit (the proxy counts inside it).
    const pidsLine = log.split("\n").find((line) => /^\d+:pids:/.test(line)) ?? "";
    const sandboxId = made[0]?.[1] ?? "(none)";
    if (holds) expect(pidsLine).toContain(`/${sandboxId}/`);
    else expect(pidsLine).not.toContain(sandboxId);
    expect(session.buildSandbox?.pidsLimit).toBe(holds ? "cgroup-parent" : "per-step");
    const forked = Number(/forked (\d+) of 2000/.exec(log)?.[1] ?? Number.NaN);
    expect(forked).toBeGreaterThan(10);
    expect(forked).toBeLessThan(64);
  }, 240_000);

  it("closed: the same submission cannot install it", async () => {
    const { outcome, verdict } = await attempt("index", { network: "closed" });
    expect(outcome).toMatchObject({ ok: false, reason: "failed" });
    expect(verdict.status).toBe("fail");
  }, 240_000);
});

describe("a hostile submission graded whole with the bundled rubric", () => {
  it("quotes the secret in no output (report.json, report.md, terminal) and states the sandbox used", async () => {
    const loaded = await loadRubric("rubrics/docker-basics", registry);
    if (!loaded.ok) throw new Error("the bundled rubric does not load");
    const rubric = loaded.rubric;
    const dir = await materialize("reach", {
      TARGETS: `${loopbackUrl} ${hostUrl} http://169.254.169.254/latest/meta-data/`,
    });
    dirs.push(dir);
    const report = await gradeResolved(fixtureSubmission(dir), {
      rubric,
      registry,
      lang: "fr",
      docker: {
        probe: () => probeDocker(),
        open: async (input) => {
          const session = await openDockerSession({
            ...input,
            assignment: rubric.assignment,
            buildEgressNetwork: indexNetwork,
          });
          sessions.push(session);
          return session;
        },
      },
    });
    expect(reportErrors(report)).toEqual([]);
    expect(report.environment.build).toMatchObject({
      network: "index-only",
      indexHosts: ["pypi.org", "files.pythonhosted.org"],
    });
    const buildCheck = report.steps.flatMap((step) => step.checks).find((check) => check.grader === "build");
    expect(buildCheck?.status).toBe("fail");
    const options = { color: false, showHidden: true };
    for (const output of [
      reporters.json(report),
      reporters.md(report, options),
      reporters.text(report, options),
    ])
      expect(output).not.toContain(SECRET);
  }, 300_000);
});
