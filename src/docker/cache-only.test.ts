import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../dockerfile/parse.js";
import type { BuildOutcome } from "./build.js";
import { cacheOnlyVerdict, runStepsKey } from "./cache-only.js";

const COURSE = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]
`;

/** The key of `text` over a context holding `files` (relative path → content). */
async function keyOf(text: string, files: Record<string, string>, buildArgs = true) {
  const parsed = parseDockerfile(text);
  if (!parsed.ok) throw new Error("fixture does not parse");
  const reads: string[] = [];
  const read = async (rel: string) => {
    reads.push(rel);
    return files[rel] === undefined ? undefined : Buffer.from(files[rel] as string);
  };
  const key = await runStepsKey(parsed.dockerfile, read, { buildArgs });
  return { key, reads };
}

describe("runStepsKey: what the layer cache reuses RUN steps by", () => {
  it("two students with the same steps and the same requirements share a key, whatever their code", async () => {
    const a = await keyOf(COURSE, { "requirements.txt": "flask\ngunicorn\n", "app.py": "# a" });
    const b = await keyOf(COURSE, { "requirements.txt": "flask\ngunicorn\n", "app.py": "# b" });
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(b.key).toBe(a.key);
    // Only what is copied before the last RUN is read.
    expect(a.reads).toEqual(["requirements.txt"]);
  });

  it("other requirements, another RUN line or a flag make another key", async () => {
    const base = (await keyOf(COURSE, { "requirements.txt": "flask\n" })).key;
    expect((await keyOf(COURSE, { "requirements.txt": "flask==2.2\n" })).key).not.toBe(base);
    const otherRun = COURSE.replace("--no-cache-dir -r", "-r");
    expect((await keyOf(otherRun, { "requirements.txt": "flask\n" })).key).not.toBe(base);
    const chown = COURSE.replace("COPY requirements.txt", "COPY --chown=1000 requirements.txt");
    expect((await keyOf(chown, { "requirements.txt": "flask\n" })).key).not.toBe(base);
    // A build given build args (the index-only proxy's) never reuses the RUN layers of one given none.
    expect((await keyOf(COURSE, { "requirements.txt": "flask\n" }, false)).key).not.toBe(base);
  });

  it("what it cannot name before a RUN (the whole folder, a pattern, a variable, a missing file): no key", async () => {
    const whole = COURSE.replace("COPY requirements.txt .", "COPY . .");
    expect((await keyOf(whole, { "requirements.txt": "flask\n" })).key).toBeUndefined();
    const pattern = COURSE.replace("COPY requirements.txt .", "COPY requirements*.txt .");
    expect((await keyOf(pattern, { "requirements.txt": "flask\n" })).key).toBeUndefined();
    const variable = COURSE.replace("COPY requirements.txt .", "ARG R=requirements.txt\nCOPY $R .");
    expect((await keyOf(variable, { "requirements.txt": "flask\n" })).key).toBeUndefined();
    expect((await keyOf(COURSE, {})).key).toBeUndefined();
    const folder = COURSE.replace("COPY requirements.txt .", "COPY deps/ ./deps/");
    expect((await keyOf(folder, { "requirements.txt": "flask\n" })).key).toBeUndefined();
  });

  it("exec-form COPY is read like the shell form; COPY --from names no context file", async () => {
    const exec = COURSE.replace("COPY requirements.txt .", 'COPY ["requirements.txt", "."]');
    expect((await keyOf(exec, { "requirements.txt": "flask\n" })).reads).toEqual(["requirements.txt"]);
    const staged = `FROM python:3.12-slim AS deps\nRUN pip wheel flask\nFROM python:3.12-slim\nCOPY --from=deps /root /root\nRUN ls\n`;
    const key = await keyOf(staged, {});
    expect(key.key).toMatch(/^[0-9a-f]{64}$/);
    expect(key.reads).toEqual([]);
  });

  it("a Dockerfile without RUN has nothing to run", async () => {
    const key = await keyOf('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/app.py"]\n', {});
    expect(key.key).toBe("none");
  });
});

describe("cacheOnlyVerdict: reading the outcome of a build tried with no step able to start", () => {
  const nowhere = "dockgrade-run1-no-step-runs";
  const failed = (
    message: string,
    instruction?: string,
    reason: "failed" | "timeout" = "failed",
  ): BuildOutcome => ({
    ok: false,
    reason,
    message,
    ...(instruction ? { failingStep: { index: 4, total: 7, instruction } } : {}),
    lastLines: [],
    durationMs: 1,
  });

  it("built, or stopped for the student's or the harness's own reason: that is the build's outcome", () => {
    const built: BuildOutcome = {
      ok: true,
      imageId: "sha256:1",
      reference: "r",
      sizeBytes: 1,
      durationMs: 1,
      context: { files: 1, bytes: 1, largest: [], dockerignore: "present" },
      steps: 7,
      logTail: [],
    };
    expect(cacheOnlyVerdict(built, nowhere)).toBe("final");
    const copy = failed("COPY failed: file not found in build context", "COPY requirements.txt .");
    expect(cacheOnlyVerdict(copy, nowhere)).toBe("final");
    const timeout = failed("the image build did not finish within 300 s", undefined, "timeout");
    expect(cacheOnlyVerdict(timeout, nowhere)).toBe("final");
  });

  it("a RUN step (or a base image's ONBUILD trigger) refused its network: build again in the sandbox", () => {
    const run = failed(`network ${nowhere} not found`, "RUN pip install -r requirements.txt");
    expect(cacheOnlyVerdict(run, nowhere)).toBe("run");
    expect(cacheOnlyVerdict(failed(`network ${nowhere} not found`, "FROM onbuild-base"), nowhere)).toBe(
      "run",
    );
  });

  it("refused at a step that starts nothing, or before any step: the engine checks networks earlier", () => {
    const expose = failed(`network ${nowhere} not found`, "EXPOSE 5000");
    expect(cacheOnlyVerdict(expose, nowhere)).toBe("refused early");
    expect(cacheOnlyVerdict(failed(`network ${nowhere} not found`), nowhere)).toBe("refused early");
  });
});
