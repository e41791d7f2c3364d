// For the Docker graders' `*.docker.test.ts` only: a grader context over a fixture repository with a real
// Docker session (offline builds), and the cleanup every such test file runs in afterAll.

import { openDockerSession } from "../docker/open-session.js";
import type { DockerSession } from "../docker/session.js";
import { leftovers } from "../docker/test-support.js";
import type { AnyGrader, GraderContext, GraderResult } from "./contract.js";
import { fixtureSubmission, rendered, runWithDefaults, testAssignment } from "./test-context.js";

export interface DockerTestContext {
  ctx: GraderContext;
  session: DockerSession;
}

/**
 * Opens one session (one build, memoized) over `dir`; the returned context can be passed to several
 * graders so a fixture is built once per test file. The assignment is the course's: quotegen 1.1.0 + latest.
 */
export async function dockerTestContext(
  dir: string,
  options: { reportFile?: string; checkId?: string } = {},
): Promise<DockerTestContext> {
  const { submission, files } = fixtureSubmission(dir);
  const assignment = testAssignment({ image: { name: "quotegen", tags: ["1.1.0", "latest"] } });
  const withReport = options.reportFile ? { ...submission, reportFile: options.reportFile } : submission;
  const session = await openDockerSession({
    submission: withReport,
    files,
    assignment,
    buildNetwork: "none",
  });
  const ctx: GraderContext = {
    lang: "en",
    submission: withReport,
    files,
    assignment,
    check: { id: options.checkId ?? "test", points: 2, timeoutMs: 120_000 },
    docker: session,
    signal: new AbortController().signal,
    log: () => {},
  };
  return { ctx, session };
}

/** Closes the sessions and returns what each left labelled on the engine (expected: nothing). */
async function closeAll(contexts: readonly DockerTestContext[]): Promise<string[]> {
  for (const { session } of contexts) await session.close();
  const left: string[] = [];
  for (const { session } of contexts) left.push(...(await leftovers(session.runId)));
  return left;
}

/**
 * The Docker contexts of one grader's test file, by name: `open` them in beforeAll, `grade` them in the
 * tests (parameters defaulted as the engine does), and expect `close()` to leave nothing behind in afterAll.
 */
export function graderFixtures(grader: AnyGrader) {
  const contexts: Record<string, DockerTestContext> = {};
  const context = (name: string): DockerTestContext => {
    const opened = contexts[name];
    if (!opened) throw new Error(`fixture "${name}" was not opened`);
    return opened;
  };
  return {
    context,
    /** Opens `dir` (default: the fixture repository `graders/__fixtures__/repos/<name>`) as `name`. */
    async open(
      name: string,
      dir = `graders/__fixtures__/repos/${name}`,
      options: Parameters<typeof dockerTestContext>[1] = {},
    ): Promise<void> {
      contexts[name] = await dockerTestContext(dir, options);
    },
    grade: (name: string, params: Record<string, unknown> = {}): Promise<GraderResult> =>
      runWithDefaults(grader, context(name).ctx, params),
    text: (result: GraderResult): string => rendered(grader, result),
    close: (): Promise<string[]> => closeAll(Object.values(contexts)),
  };
}
