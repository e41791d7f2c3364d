// Preloaded by the benchmark (`node --import`): at exit, writes the process's own CPU time and peak memory
// (children such as OCR excluded) as JSON to the file named by DOCKGRADE_BENCH_USAGE.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env.DOCKGRADE_BENCH_USAGE;
  if (!file) return;
  const usage = process.resourceUsage();
  writeFileSync(
    file,
    JSON.stringify({
      userMs: usage.userCPUTime / 1000,
      systemMs: usage.systemCPUTime / 1000,
      maxRssKb: usage.maxRSS,
    }),
  );
});
