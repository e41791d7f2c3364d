import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BuildLogParser, JsonLines, MAX_LINE, MAX_MESSAGE, parseBuildOutput } from "./build-log.js";

// Real classic-builder output (Docker 20.10), recorded from the fixture repositories beside this file.
const recorded = (name: string) =>
  readFileSync(new URL(`./__fixtures__/build-logs/${name}.ndjson`, import.meta.url), "utf8");

describe("parseBuildOutput on recorded builds", () => {
  it("quotes the failing RUN step and its last lines, without colour codes", () => {
    const log = parseBuildOutput(recorded("run-fails"), 20, 1);
    expect(log.error).toMatch(/returned a non-zero code: 1$/);
    expect(log.failingStep).toEqual({
      index: 3,
      total: 4,
      instruction: expect.stringMatching(/^RUN echo "installing dependencies"/),
    });
    expect(log.lastLines).toEqual([
      "fatal: dependency quotegen-extra is not available",
      "installing dependencies",
    ]);
    expect(log.createdImages).toEqual(["f596f21d8d35"]);
    expect(log.runningContainer).toBeUndefined();
    expect(log.imageId).toBeUndefined();
  });

  it("names the COPY step that found no file", () => {
    const log = parseBuildOutput(recorded("copy-missing"), 20, 1);
    expect(log.error).toMatch(/^COPY failed: file not found in build context/);
    expect(log.failingStep).toEqual({ index: 3, total: 6, instruction: "COPY requirements.txt ." });
    expect(log.lastLines).toEqual([]);
  });

  it("reads a successful build: image id, steps, intermediate images, tail", () => {
    const log = parseBuildOutput(recorded("app-ok"), 20, 1);
    expect(log.error).toBeUndefined();
    expect(log.imageId).toBe("sha256:353d6da3e9ac737c524bf7f62b4cc3badf2e55bc305719bbda34168a77c8ff6b");
    expect(log.steps.map((s) => s.instruction.split(" ")[0])).toEqual([
      "FROM",
      "WORKDIR",
      "COPY",
      "RUN",
      "COPY",
      "COPY",
      "EXPOSE",
      "CMD",
      "LABEL",
    ]);
    expect(log.steps[0]?.total).toBe(8);
    // The base image (FROM) is never counted as made by the build.
    expect(log.createdImages).not.toContain("8829313c55de");
    expect(log.createdImages).toHaveLength(8);
    expect(log.steps[3]?.lines[0]).toMatch(/^Requirement already satisfied: flask/);
    expect(log.tail.at(-1)).toBe("Successfully tagged dgs-scratch/rec:1");
  });

  it("gives the same result however the stream is cut", () => {
    const text = recorded("run-fails");
    const splitter = new JsonLines();
    const parser = new BuildLogParser(20, 1);
    for (let i = 0; i < text.length; i += 7)
      for (const m of splitter.push(text.slice(i, i + 7))) parser.push(m);
    for (const m of splitter.end()) parser.push(m);
    expect(parser.result()).toEqual(parseBuildOutput(text, 20, 1));
  });
});

describe("BuildLogParser on hand-made messages", () => {
  const parse = (messages: unknown[], keep = 20) => {
    const parser = new BuildLogParser(keep);
    for (const message of messages) parser.push(message);
    return parser.result();
  };

  it("has no failing step for an error before any step (a Dockerfile parse error)", () => {
    const log = parse([
      { errorDetail: { message: "dockerfile parse error line 2: unknown instruction: RUNN" } },
    ]);
    expect(log.error).toBe("dockerfile parse error line 2: unknown instruction: RUNN");
    expect(log.failingStep).toBeUndefined();
  });

  it("remembers the step container still running (a cut build)", () => {
    const log = parse([
      { stream: "Step 2/2 : RUN sleep 3600\n" },
      { stream: " ---> Running in 56f740800af4\n" },
      { stream: "waiting\n" },
    ]);
    expect(log.runningContainer).toBe("56f740800af4");
    expect(log.steps.at(-1)?.lines).toEqual(["waiting"]);
  });

  it("keeps what a progress bar leaves on screen, and only the last lines", () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ stream: `line ${i}\n` }));
    const log = parse(
      [
        { stream: "Step 1/1 : RUN pip install x\n" },
        { stream: "Downloading 10%\rDownloading 100%\n" },
        ...lines,
      ],
      5,
    );
    expect(log.steps[0]?.lines).toEqual(["line 25", "line 26", "line 27", "line 28", "line 29"]);
    expect(
      parse([{ stream: "Step 1/1 : RUN x\n" }, { stream: "Downloading 10%\rDownloading 100%\n" }]).steps[0]
        ?.lines,
    ).toEqual(["Downloading 100%"]);
  });

  it("keeps the first error and ignores what is not a message", () => {
    const log = parse([null, 42, { error: "first" }, { error: "second" }]);
    expect(log.error).toBe("first");
  });
});

describe("JsonLines", () => {
  it("keeps a line that is not JSON as text", () => {
    const splitter = new JsonLines();
    expect(splitter.push('{"stream":"a"}\r\nnot json\n{"str')).toEqual([
      { stream: "a" },
      { stream: "not json\n" },
    ]);
    expect(splitter.push('eam":"b"}')).toEqual([]);
    expect(splitter.end()).toEqual([{ stream: "b" }]);
  });
});

describe("hostile build output", () => {
  it("keeps a 50 MB line without newline in bounded memory and linear time", () => {
    const parser = new BuildLogParser(20, 1);
    const lines = new JsonLines();
    const started = process.cpuUsage();
    parser.push({ stream: "Step 1/2 : RUN yes | tr -d '\\n'\n" });
    const chunk = `${JSON.stringify({ stream: "y".repeat(16 * 1024) })}\n`;
    for (let sent = 0; sent < 50e6; sent += 16 * 1024)
      for (const message of lines.push(chunk)) parser.push(message);
    parser.push({ stream: "\nStep 2/2 : CMD x\n" });
    const log = parser.result();
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
    expect(log.steps.map((s) => s.instruction)).toEqual(["RUN yes | tr -d '\\n'", "CMD x"]);
    const kept = log.steps[0]?.lines[0] ?? "";
    expect(kept.length).toBeLessThanOrEqual(MAX_LINE + 1);
    expect(kept.startsWith("…y")).toBe(true);
  });

  it("drops an over-long engine message instead of holding it", () => {
    const lines = new JsonLines();
    const out = [
      ...lines.push(`{"stream":"${"z".repeat(MAX_MESSAGE)}`),
      ...lines.push('"}\n{"stream":"next\\n"}\n'),
    ];
    expect(out).toEqual([
      { stream: "[dockgrade: an over-long build message was left out]\n" },
      { stream: "next\n" },
    ]);
  });
});

describe("build progress events", () => {
  it("announces each step of the student's Dockerfile, its output lines and the end, not the harness's LABEL", () => {
    const events: unknown[] = [];
    const splitter = new JsonLines();
    const parser = new BuildLogParser(20, 1, (event) => events.push(event));
    for (const message of splitter.push(recorded("app-ok"))) parser.push(message);
    for (const message of splitter.end()) parser.push(message);
    const steps = events.filter((e) => (e as { kind: string }).kind === "step");
    expect(steps).toHaveLength(8);
    expect(steps[3]).toEqual({
      kind: "step",
      step: { index: 4, total: 8, instruction: expect.stringMatching(/^RUN pip install/) },
    });
    expect(events).toContainEqual({ kind: "output", line: expect.stringMatching(/^Requirement already/) });
    expect(JSON.stringify(events)).not.toContain("LABEL");
    expect(events.at(-1)).toEqual({ kind: "end", ok: true });
  });

  it("ends with a failure on the failing step", () => {
    const events: Array<{ kind: string }> = [];
    const parser = new BuildLogParser(20, 1, (event) => events.push(event));
    for (const message of new JsonLines().push(recorded("run-fails"))) parser.push(message);
    expect(events.at(-1)).toEqual({ kind: "end", ok: false });
  });
});
