// Helpers for the Docker tests (imported by `*.docker.test.ts` only): fixture submissions, an assignment,
// and the check that a test left nothing labelled behind.
import { realpathSync } from "node:fs";
import { type Assignment, DEFAULT_LIMITS, DEFAULT_TIMEOUTS } from "../rubric/types.js";
import { SubmissionFiles } from "../submission/files.js";
import type { Submission } from "../submission/types.js";
import { connectEngine } from "./engine.js";
import { listLabelled } from "./resources.js";

/** A folder used as a whole submission (its own repository root). */
export function fixtureSubmission(dir: string): { submission: Submission; files: SubmissionFiles } {
  const root = realpathSync(dir);
  return {
    submission: { source: dir, repoRoot: root, root, rootRel: "" },
    files: new SubmissionFiles(root, root),
  };
}

export function testAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: "tp-docker",
    title: "TP Docker",
    language: "fr",
    totalPoints: 20,
    image: { name: "quotegen", tags: ["1.0.0"] },
    steps: ["01.yaml"],
    timeouts: { ...DEFAULT_TIMEOUTS },
    limits: { ...DEFAULT_LIMITS },
    reportCandidates: ["README.md"],
    ...overrides,
  };
}

/** Every engine object still labelled with this run id, as `kind name` lines (empty when all is clean). */
export async function leftovers(runId: string): Promise<string[]> {
  const listed = await listLabelled(await connectEngine(), runId);
  return [
    ...listed.containers.map((c) => `container ${c.Names?.[0] ?? c.Id}`),
    ...listed.images.map((i) => `image ${i.RepoTags?.[0] ?? i.Id}`),
    ...listed.volumes.map((v) => `volume ${v.Name}`),
    ...listed.networks.map((n) => `network ${n.Name}`),
  ];
}
