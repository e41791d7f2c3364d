// Issue 11: what reading a screenshot costs. For each PNG of a folder (default: the complete example's 8),
// tesseract's CPU when it reads the file as it is (the command before issue 11) and through ocrImage (a dark
// PNG inverted, as greyscale PGM on stdin), runs alternated; and the harness's own CPU to decode and invert
// it (warm, and the first pass of a fresh process). Needs tesseract, not Docker.
//   npx tsx scripts/measure-ocr-cpu.ts [FOLDER] [--runs N]
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { deflateSync } from "node:zlib";
import { darkPngInverted, ocrImage, ocrImagesTogether } from "../src/images/ocr.js";
import { pngToGrey } from "../src/images/png-grey.js";
import { encodePng, PNG_SIGNATURE, pngChunk } from "../src/images/test-images.js";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const prefixAt = args.indexOf("--prefix");
const prefix = prefixAt >= 0 ? (args[prefixAt + 1] ?? "") : "";
const folder =
  args.find((a, i) => !a.startsWith("--") && i !== runsAt + 1 && i !== prefixAt + 1) ??
  "submissions-example/complete/media";
const files = readdirSync(folder)
  .filter((f) => f.endsWith(".png") && f.startsWith(prefix))
  .sort()
  .map((f) => path.join(folder, f));

/** CPU seconds of this process's waited-for children (tesseract), from /proc/self/stat (clock ticks of 10 ms). */
function childrenCpu(): number {
  const stat = readFileSync("/proc/self/stat", "latin1");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function ownCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const run = promisify(execFile);

// The harness's decode: first pass in this fresh process, then warm.
const cold: number[] = [];
for (const file of files) {
  const started = ownCpuMs();
  await darkPngInverted(file);
  cold.push(ownCpuMs() - started);
}
const warm: number[] = [];
for (const file of files) {
  const times: number[] = [];
  for (let i = 0; i < 23; i++) {
    const started = ownCpuMs();
    await darkPngInverted(file);
    if (i >= 3) times.push(ownCpuMs() - started);
  }
  warm.push(median(times));
}

const before: number[][] = files.map(() => []);
const after: number[][] = files.map(() => []);
for (let r = 0; r < runs; r++)
  for (const [k, file] of files.entries()) {
    const ways = [
      async () => {
        const started = childrenCpu();
        await run("tesseract", [file, "stdout", "-l", "eng", "--psm", "6"], {
          env: { ...process.env, OMP_THREAD_LIMIT: "1" },
        });
        before[k]?.push(childrenCpu() - started);
      },
      async () => {
        const started = childrenCpu();
        const read = await ocrImage(file, { timeoutMs: 120_000 });
        if (!read.ok) throw new Error(`${file}: ${read.reason}`);
        after[k]?.push(childrenCpu() - started);
      },
    ];
    if (r % 2 === 1) ways.reverse();
    for (const way of ways) await way();
  }

console.log(`${files.length} images of ${folder}, ${runs} runs alternated (medians; tesseract to 10 ms)`);
console.log("image | tesseract before (s) | tesseract now (s) | decode+invert warm (ms) | first pass (ms)");
for (const [k, file] of files.entries())
  console.log(
    [
      path.basename(file),
      median(before[k] ?? []).toFixed(2),
      median(after[k] ?? []).toFixed(2),
      (warm[k] ?? 0).toFixed(1),
      (cold[k] ?? 0).toFixed(1),
    ].join(" | "),
  );
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const totalBefore = sum(before.map(median));
const totalAfter = sum(after.map(median));
console.log(
  `total | ${totalBefore.toFixed(2)} | ${totalAfter.toFixed(2)} (${Math.round((100 * (totalAfter - totalBefore)) / totalBefore)} %) | ${sum(warm).toFixed(1)} | ${sum(cold).toFixed(1)}`,
);

// One process for all the images against one an image (both with the inverted PGMs), alternated.
const separate: number[] = [];
const together: number[] = [];
for (let r = 0; r < runs; r++) {
  const ways = [
    async () => {
      const started = childrenCpu();
      for (const file of files) await ocrImage(file, { timeoutMs: 120_000 });
      separate.push(childrenCpu() - started);
    },
    async () => {
      const started = childrenCpu();
      const read = await ocrImagesTogether(files, { timeoutMs: 120_000 });
      if (!read.every((r) => r.ok)) throw new Error("a page was not read");
      together.push(childrenCpu() - started);
    },
  ];
  if (r % 2 === 1) ways.reverse();
  for (const way of ways) await way();
}
console.log(
  `${files.length} images, tesseract CPU (s, median of ${runs}): one process an image ${median(separate).toFixed(2)} | one process for all ${median(together).toFixed(2)} (${Math.round((100 * (median(together) - median(separate))) / median(separate))} %)`,
);

// Hostile: a zip bomb in IDAT under a 4000×4000 RGBA header (about the largest decoded): the inflate stops at its 64 MB.
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(4000, 0);
ihdr.writeUInt32BE(4000, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const bomb = Buffer.concat([
  PNG_SIGNATURE,
  pngChunk("IHDR", ihdr),
  pngChunk("IDAT", deflateSync(Buffer.alloc(512 * 1024 * 1024), { level: 9 })),
  pngChunk("IEND", Buffer.alloc(0)),
]);
const tiny = encodePng({ width: 1, height: 1, colourType: 0, depth: 8, rows: [Uint8Array.of(0)] });
for (const [name, bytes] of [
  [`zip bomb (${bomb.length} bytes → 512 MiB, 4000×4000 RGBA declared)`, bomb],
  ["1×1 grey", tiny],
] as const) {
  const started = ownCpuMs();
  const result = await pngToGrey(bytes);
  console.log(
    `${name}: ${result.ok ? "decoded" : `refused (${result.reason})`}, ${(ownCpuMs() - started).toFixed(1)} ms CPU`,
  );
}
