// `npm run bench [-- --n 12 --repeats 3 --jobs 1,2,4 --batch-repeats 1 --parts startup,single,batch,cached
// --no-ocr --out FILE]`: measures dockgrade
// against a shell script doing the same Docker work with the docker CLI (bench/baseline.sh), alternating
// the compared commands in one run, and prints the tables docs/PERFORMANCE.md records. Needs a built
// dist/ (the npm script builds it) and a reachable engine with the python:3.12-slim base image.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { baseline, baselineParallel, dockgrade, ROOT, type Run } from "./measure.js";
import { profileRows } from "./profile.js";
import { median, ratio, seconds, table } from "./stats.js";
import { makeClass, submissionsOf } from "./workload.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "12" },
    repeats: { type: "string", default: "3" },
    jobs: { type: "string", default: "1,2,4" },
    "batch-repeats": { type: "string", default: "1" },
    parts: { type: "string", default: "startup,single,batch,cached" },
    "cached-jobs": { type: "string" },
    "no-ocr": { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const parts = new Set(String(values.parts).split(","));
/** Folders the benchmark made, removed at the end. */
const made: string[] = [];
// --no-ocr: tesseract hidden (a shim that fails), so dockgrade does the Docker work and reads the report, as
// the shell baseline does, without the OCR of the screenshots (optional in the bundled rubric).
if (values["no-ocr"]) {
  const shim = await mkdtemp(path.join(os.tmpdir(), "dockgrade-bench-no-ocr-"));
  await writeFile(path.join(shim, "tesseract"), "#!/bin/sh\nexit 1\n", { mode: 0o755 });
  process.env.PATH = `${shim}${path.delimiter}${process.env.PATH}`;
  made.push(shim);
}
const n = Number(values.n);
const header = values["no-ocr"] ? " (OCR off)" : "";
const repeats = Number(values.repeats);
const batchRepeats = Number(values["batch-repeats"]);
const jobsList = String(values.jobs).split(",").map(Number);
const examples = path.join(ROOT, "submissions-example");
const sections: string[] = [];
const say = (text: string) => {
  process.stdout.write(`${text}\n`);
  sections.push(text);
};
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const wall = (runs: Run[]) => median(runs.map((r) => r.wallMs));
const cpu = (runs: Run[]) =>
  median(runs.map((r) => (r.usage ? r.usage.userMs + r.usage.systemMs : Number.NaN)));
const rssMb = (runs: Run[]) => Math.max(...runs.map((r) => (r.usage?.maxRssKb ?? 0) / 1024));

say(
  `dockgrade benchmark — ${new Date().toISOString()} — ${os.availableParallelism()} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}, Node ${process.version}${header}`,
);

const reportsDir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-bench-reports-"));
made.push(reportsDir);

/** (0) Commands that never touch Docker, median of 5. */
async function startupPart(): Promise<void> {
  const version: Run[] = [];
  const lint: Run[] = [];
  const coldLint: Run[] = [];
  for (let i = 0; i < 5; i++) {
    version.push(await dockgrade(["--version"]));
    lint.push(await dockgrade(["rubric", "lint"]));
    // The rubric parsed and validated again, as on the first command after it changed.
    coldLint.push(await dockgrade(["rubric", "lint"], { DOCKGRADE_CACHE_DIR: "off" }));
  }
  const row = (name: string, runs: Run[]) => [
    name,
    seconds(wall(runs)),
    seconds(cpu(runs)),
    rssMb(runs).toFixed(0),
  ];
  say(
    `\n(0) Start-up, median of 5\n\n${table(
      ["command", "wall s", "CPU s", "peak RSS MB"],
      [
        row("dockgrade --version", version),
        row("dockgrade rubric lint", lint),
        row("dockgrade rubric lint, no rubric cache", coldLint),
      ],
    )}`,
  );
}

/** (a) One complete submission: dockgrade check against the shell baseline, alternating; (e) its profile. */
async function singlePart(): Promise<void> {
  const dir = await makeClass(examples, 1, "single");
  made.push(dir);
  const [complete] = (await submissionsOf(dir)) as [string];
  progress("warming the layer cache (one run of each, not counted)");
  await baseline(complete);
  await dockgrade(["check", complete, "--no-out", "--format", "json"]);
  const checks: Run[] = [];
  const shells: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    progress(`single submission, run ${i + 1}/${repeats}`);
    const runCheck = async () =>
      checks.push(await dockgrade(["check", complete, "--no-out", "--format", "json", "--lang", "en"]));
    const runShell = async () => shells.push(await baseline(complete));
    for (const step of i % 2 === 0 ? [runCheck, runShell] : [runShell, runCheck]) await step();
  }
  say(
    `\n(a) One complete submission, median of ${repeats} (alternating)\n\n${table(
      ["command", "wall s", "harness CPU s", "peak RSS MB", "× shell"],
      [
        [
          "dockgrade check",
          seconds(wall(checks)),
          seconds(cpu(checks)),
          rssMb(checks).toFixed(0),
          ratio(wall(checks), wall(shells)),
        ],
        ["shell baseline (sequential docker CLI)", seconds(wall(shells)), "–", "–", "1.00"],
      ],
    )}`,
  );
  const profile = profileRows(
    checks.map((run) => JSON.parse(run.stdout)),
    checks.map((run) => run.wallMs),
  );
  say(
    `\n(e) Where the time of one complete submission goes (medians of (a); checks overlap)\n\n${table(
      ["part", "s"],
      [...profile, ["harness CPU (Node process, OCR and daemon excluded)", seconds(cpu(checks))]],
    )}`,
  );
}

/** (b) The class: dockgrade batch --jobs J against the shell work with xargs -P J; returns the best J. */
async function batchPart(): Promise<number> {
  const klass = await makeClass(examples, n, "class");
  made.push(klass);
  const subs = await submissionsOf(klass);
  const rows: string[][] = [];
  const bests: Array<{ jobs: number; ms: number }> = [];
  for (const jobs of jobsList) {
    const batch: Run[] = [];
    const xargs: Run[] = [];
    for (let i = 0; i < batchRepeats; i++) {
      progress(`class of ${n}, --jobs ${jobs}, run ${i + 1}/${batchRepeats}`);
      const out = path.join(reportsDir, `batch-${jobs}-${i}`);
      const args = ["batch", klass, "--jobs", String(jobs), "--out", out, "--force", "--lang", "en"];
      const runBatch = async () => batch.push(await dockgrade(args));
      const runXargs = async () => xargs.push(await baselineParallel(subs, jobs));
      for (const step of i % 2 === 0 ? [runBatch, runXargs] : [runXargs, runBatch]) await step();
    }
    bests.push({ jobs, ms: wall(batch) });
    rows.push([
      String(jobs),
      seconds(wall(batch)),
      seconds(wall(xargs)),
      ratio(wall(batch), wall(xargs)),
      rssMb(batch).toFixed(0),
    ]);
  }
  say(
    `\n(b) A class of ${n} (complete and flawed), median of ${batchRepeats}; xargs -P 1 is the sequential shell\n\n${table(
      ["--jobs", "dockgrade batch s", "xargs -P same s", "× xargs", "peak RSS MB"],
      rows,
    )}`,
  );
  return bests.sort((a, b) => a.ms - b.ms)[0]?.jobs ?? 2;
}

/** (c, d) A class of 2n graded once (peak memory), then again unchanged (cached reports, no Docker work). */
async function cachedPart(jobs: number): Promise<void> {
  const big = await makeClass(examples, 2 * n, "big");
  made.push(big);
  const out = path.join(reportsDir, "big");
  progress(`class of ${2 * n}, --jobs ${jobs}, first run`);
  const first = await dockgrade(["batch", big, "--jobs", String(jobs), "--out", out, "--lang", "en"]);
  progress(`class of ${2 * n}, unchanged re-run`);
  const again = await dockgrade(["batch", big, "--jobs", String(jobs), "--out", out, "--lang", "en"]);
  const row = (name: string, run: Run) => [
    name,
    seconds(run.wallMs),
    seconds(cpu([run])),
    rssMb([run]).toFixed(0),
  ];
  say(
    `\n(c, d) A class of ${2 * n}, --jobs ${jobs}\n\n${table(
      ["run", "wall s", "harness CPU s", "peak RSS MB"],
      [row("first run", first), row("unchanged re-run (cached reports)", again)],
    )}`,
  );
}

try {
  if (parts.has("startup")) await startupPart();
  if (parts.has("single")) await singlePart();
  const best = parts.has("batch") ? await batchPart() : Number(values["cached-jobs"] ?? 4);
  if (parts.has("cached")) await cachedPart(best);
  if (values.out) await writeFile(values.out, `${sections.join("\n")}\n`);
} finally {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
}
