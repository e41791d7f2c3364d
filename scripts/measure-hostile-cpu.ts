// Harness CPU time of the two cost-amplification cases of issue 9 (target: under 5 s each), measured in
// this process with process.cpuUsage(): the engine's own work (running the build) is not the harness's.
//   npx tsx scripts/measure-hostile-cpu.ts          (no Docker needed)
import { Value } from "@sinclair/typebox/value";
import { judgeDockerfile } from "../graders/dockerfile/judge.js";
import { DockerfileParams } from "../graders/dockerfile/params.js";
import { BuildLogParser, JsonLines } from "../src/docker/build-log.js";
import { parseDockerfile } from "../src/dockerfile/parse.js";
import { parseMarkdownBounded } from "../src/markdown/parse-bounded.js";

function cpuSeconds(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

function dockerfile(lines: { env: number; expose: number; pad: number }): string {
  let text = "FROM python:3.12-slim\n";
  for (let i = 0; i < lines.env; i++) text += `ENV V${i}=$V${Math.max(0, i - 1)}x${"y".repeat(lines.pad)}\n`;
  for (let i = 0; i < lines.expose; i++) text += `EXPOSE \${V${i % lines.env}}\n`;
  return text;
}

const params = Value.Default(DockerfileParams, {}) as Parameters<typeof judgeDockerfile>[1];
for (const [name, text] of [
  ["20 KB, ~1,400 instructions (refused at the cap)", dockerfile({ env: 700, expose: 700, pad: 0 })],
  ["20 KB, 398 instructions (analysed)", dockerfile({ env: 199, expose: 199, pad: 60 })],
] as const) {
  const seconds = cpuSeconds(() => {
    const parsed = parseDockerfile(text);
    if (parsed.ok) judgeDockerfile(parsed.dockerfile, params, { file: "Dockerfile" });
  });
  console.log(`Dockerfile ${name}, ${text.length} bytes: ${seconds.toFixed(3)} s CPU`);
}

// 50 MB on one line, in the engine's message size (one JSON message per 32 KB read of the step's output).
const seconds = cpuSeconds(() => {
  const lines = new JsonLines();
  const parser = new BuildLogParser(20, 1);
  parser.push({ stream: "Step 1/2 : RUN python3 -c ...\n" });
  const chunk = `${JSON.stringify({ stream: "y".repeat(32 * 1024) })}\n`;
  for (let sent = 0; sent < 50 * 1024 * 1024; sent += 32 * 1024)
    for (const message of lines.push(chunk)) parser.push(message);
  parser.result();
});
console.log(
  `build log, 50 MB on one line: ${seconds.toFixed(3)} s CPU, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);

// The README near the size cap: parsed once per submission, in a worker (main-thread CPU is what blocks).
const para =
  "## Etape 1\n\nSome text with `code` and **bold** and a [link](http://x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
const readme = para.repeat(Math.floor(1.9e6 / para.length));
const started = process.cpuUsage();
const wall = Date.now();
const parsed = await parseMarkdownBounded(readme);
const used = process.cpuUsage(started);
console.log(
  `README 1.9 MB: ${parsed.ok ? "parsed" : parsed.reason} once in ${((Date.now() - wall) / 1000).toFixed(1)} s wall; process CPU (worker included) ${((used.user + used.system) / 1e6).toFixed(1)} s, main thread never blocked`,
);
