// Helpers for the Docker tests of the graders that run containers (imported by `*.docker.test.ts` only):
// one session (one build) per fixture repository, shared by the tests of a file, closed in afterAll.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDockerSession } from "../../../src/docker/open-session.js";
import type { DockerSession } from "../../../src/docker/session.js";
import { leftovers } from "../../../src/docker/test-support.js";
import type { AnyGrader, GraderContext, GraderResult } from "../../../src/grader/contract.js";
import { fixtureSubmission, testAssignment } from "../../../src/grader/test-context.js";
import type { Assignment } from "../../../src/rubric/types.js";
import { paramsWithDefaults } from "../../../src/rubric/validate-schema.js";

const repos = fileURLToPath(new URL("../../__fixtures__/repos/", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A fixture folder: a name under `graders/__fixtures__/repos/`, or a path relative to the project root. */
export function fixtureDir(name: string): string {
  return name.includes("/") ? path.join(root, name) : path.join(repos, name);
}

/** Short waits keep the tests fast; the limits are the assignment's defaults. */
export const fastAssignment: Assignment = testAssignment({
  image: { name: "quotegen", tags: ["1.1.0", "latest"] },
  timeouts: { build: 120, start: 15, check: 60 },
});

export class FixtureSessions {
  private readonly opened = new Map<string, { session: DockerSession; ctx: GraderContext }>();

  /** The fixture's context, with its session opened (and its image built) on first use. */
  async context(name: string): Promise<GraderContext> {
    let entry = this.opened.get(name);
    if (!entry) {
      const { submission, files } = fixtureSubmission(fixtureDir(name));
      const session = await openDockerSession({
        submission,
        files,
        assignment: fastAssignment,
        buildNetwork: "none",
      });
      await session.image();
      const ctx: GraderContext = {
        lang: "en",
        submission,
        files,
        assignment: fastAssignment,
        check: { id: "test", points: 1, timeoutMs: 120_000 },
        docker: session,
        signal: new AbortController().signal,
        log: () => {},
      };
      entry = { session, ctx };
      this.opened.set(name, entry);
    }
    return entry.ctx;
  }

  /** Runs a grader on a fixture as the engine would: parameters defaulted by the grader's schema first. */
  async run(grader: AnyGrader, name: string, params: Record<string, unknown>): Promise<GraderResult> {
    const ctx = await this.context(name);
    const filled = paramsWithDefaults(grader.params, params);
    return grader.run({ ...ctx, signal: new AbortController().signal }, filled);
  }

  /**
   * The fixture's session seen through one object that counts the containers started through it, and a
   * `run` that gives graders that object, as the engine gives one session to the checks of a submission
   * (the app's shared runs are keyed by it).
   */
  async counted(name: string) {
    const ctx = await this.context(name);
    const session = ctx.docker as DockerSession;
    const started: string[] = [];
    const counting: DockerSession = Object.create(session);
    counting.startContainer = async (options) => {
      const container = await session.startContainer(options);
      started.push(container.id);
      return container;
    };
    const run = (grader: AnyGrader, params: Record<string, unknown>, more: Partial<GraderContext> = {}) =>
      grader.run(
        { ...ctx, docker: counting, signal: new AbortController().signal, ...more },
        paramsWithDefaults(grader.params, params),
      );
    return { run, started };
  }

  /** Closes every session; returns what any of them left behind (empty when all is clean). */
  async closeAll(): Promise<string[]> {
    const sessions = [...this.opened.values()].map((entry) => entry.session);
    this.opened.clear();
    await Promise.all(sessions.map((session) => session.close()));
    return (await Promise.all(sessions.map((session) => leftovers(session.runId)))).flat();
  }
}
