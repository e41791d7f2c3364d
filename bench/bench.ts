// `npm run bench [-- --n 12 --repeats 3 --jobs 1,2,4 --batch-repeats 1 --out FILE]`: measures dockgrade
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
    out: { type: "string" },
  },
});
const n = Number(values.n);
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
    .join(" ")}, Node ${process.version}`,
);

// Start-up: commands that never touch Docker.
const startup: Record<string, Run[]> = { version: [], lint: [] };
for (let i = 0; i < 5; i++) {
  startup.version?.push(await dockgrade(["--version"]));
  startup.lint?.push(await dockgrade(["rubric", "lint"]));
}
say(
  `\n(0) Start-up, median of 5\n\n${table(
    ["command", "wall s", "CPU s", "peak RSS MB"],
    Object.entries(startup).map(([name, runs]) => [
      name === "version" ? "dockgrade --version" : "dockgrade rubric lint",
      seconds(wall(runs)),
      seconds(cpu(runs)),
      rssMb(runs).toFixed(0),
    ]),
  )}`,
);

// (a) One complete submission: dockgrade check against the shell baseline, alternating.
const single = await makeClass(examples, 1, "single");
const [complete] = await submissionsOf(single);
const reportsDir = await mkdtemp(path.join(os.tmpdir(), "dockgrade-bench-reports-"));
progress("warming the layer cache (one run of each, not counted)");
await baseline(complete as string);
await dockgrade(["check", complete as string, "--no-out", "--format", "json"]);
const checks: Run[] = [];
const shells: Run[] = [];
for (let i = 0; i < repeats; i++) {
  progress(`single submission, run ${i + 1}/${repeats}`);
  const runCheck = async () =>
    checks.push(
      await dockgrade(["check", complete as string, "--no-out", "--format", "json", "--lang", "en"]),
    );
  const runShell = async () => shells.push(await baseline(complete as string));
  if (i % 2 === 0) {
    await runCheck();
    await runShell();
  } else {
    await runShell();
    await runCheck();
  }
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

// (b) The class: dockgrade batch --jobs J against the shell work sequentially and with xargs -P J.
const klass = await makeClass(examples, n, "class");
const subs = await submissionsOf(klass);
const rows: string[][] = [];
const sequential: Run[] = [];
const bests: Array<{ jobs: number; ms: number }> = [];
for (const jobs of jobsList) {
  const batch: Run[] = [];
  const xargs: Run[] = [];
  for (let i = 0; i < batchRepeats; i++) {
    progress(`class of ${n}, --jobs ${jobs}, run ${i + 1}/${batchRepeats}`);
    const out = path.join(reportsDir, `batch-${jobs}-${i}`);
    const runBatch = async () =>
      batch.push(
        await dockgrade(["batch", klass, "--jobs", String(jobs), "--out", out, "--force", "--lang", "en"]),
      );
    const runXargs = async () => xargs.push(await baselineParallel(subs, jobs));
    if (i % 2 === 0) {
      await runBatch();
      await runXargs();
    } else {
      await runXargs();
      await runBatch();
    }
  }
  if (jobs === 1) sequential.push(...xargs);
  bests.push({ jobs, ms: wall(batch) });
  rows.push([
    String(jobs),
    seconds(wall(batch)),
    seconds(wall(xargs)),
    ratio(wall(batch), wall(xargs)),
    rssMb(batch).toFixed(0),
  ]);
}
if (sequential.length === 0) {
  progress(`class of ${n}, sequential shell baseline`);
  sequential.push(await baselineParallel(subs, 1));
}
say(
  `\n(b) A class of ${n} (complete and flawed), median of ${batchRepeats}; sequential shell: ${seconds(wall(sequential))} s\n\n${table(
    ["--jobs", "dockgrade batch s", "xargs -P same s", "× xargs", "peak RSS MB"],
    rows.map((row) => [...row.slice(0, 4), row[4] as string]),
  )}`,
);

// (c, d) A class of 2n: graded once (peak memory), then again unchanged (cached reports, no Docker work).
const best = bests.sort((a, b) => a.ms - b.ms)[0]?.jobs ?? 2;
const big = await makeClass(examples, 2 * n, "big");
const bigOut = path.join(reportsDir, "big");
progress(`class of ${2 * n}, --jobs ${best}, first run`);
const first = await dockgrade(["batch", big, "--jobs", String(best), "--out", bigOut, "--lang", "en"]);
progress(`class of ${2 * n}, unchanged re-run`);
const cached = await dockgrade(["batch", big, "--jobs", String(best), "--out", bigOut, "--lang", "en"]);
say(
  `\n(c, d) A class of ${2 * n}, --jobs ${best}\n\n${table(
    ["run", "wall s", "harness CPU s", "peak RSS MB"],
    [
      ["first run", seconds(first.wallMs), seconds(cpu([first])), rssMb([first]).toFixed(0)],
      [
        "unchanged re-run (cached reports)",
        seconds(cached.wallMs),
        seconds(cpu([cached])),
        rssMb([cached]).toFixed(0),
      ],
    ],
  )}`,
);

// (e) Where the time of one submission goes, from the reports of (a).
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

if (values.out) await writeFile(values.out, `${sections.join("\n")}\n`);
await Promise.all([single, klass, big, reportsDir].map((dir) => rm(dir, { recursive: true, force: true })));
