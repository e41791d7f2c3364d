// For the Docker graders' `*.docker.test.ts` only: a grader context over a fixture repository with a real
// Docker session (offline builds), and the cleanup every such test file runs in afterAll.
import { type DockerSession, openDockerSession } from "../docker/session.js";
import { fixtureSubmission, leftovers, testAssignment } from "../docker/test-support.js";
import type { GraderContext } from "./contract.js";

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
export async function closeAll(contexts: readonly DockerTestContext[]): Promise<string[]> {
  for (const { session } of contexts) await session.close();
  const left: string[] = [];
  for (const { session } of contexts) left.push(...(await leftovers(session.runId)));
  return left;
}
