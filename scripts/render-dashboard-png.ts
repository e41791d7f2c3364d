// Renders the class dashboard of a summary.json as a PNG, the way a teacher sees it: the page is written to
// disk and opened from a file:// URL, with every network request refused. Makes docs/images/dashboard.png
// from the fixture class (made-up students).
//
// CLI: npx tsx scripts/render-dashboard-png.ts [summary.json] [out.png] [--width 1280]
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { renderDashboard } from "../src/batch/dashboard.js";
import type { ClassSummary } from "../src/batch/types.js";
import { launchChromium } from "./chromium.js";

const DEFAULT_SUMMARY = "src/batch/__fixtures__/summary.json";
const DEFAULT_OUT = "docs/images/dashboard.png";

export async function renderDashboardPng(
  summary: ClassSummary,
  outFile: string,
  width = 1280,
): Promise<void> {
  if (!(Number.isInteger(width) && width >= 320)) {
    throw new Error(`renderDashboardPng: width must be an integer >= 320, got ${width}`);
  }
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-dashboard-"));
  const browser = await launchChromium();
  try {
    const file = join(dir, "index.html");
    await writeFile(file, renderDashboard(summary));
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    // The page itself is a file; anything else would be a network request, and is refused.
    await page.route(
      (url) => url.protocol !== "file:",
      (route) => route.abort(),
    );
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    // Show what a similar pair looks like once opened.
    const firstPair = page.locator("details > summary").first();
    if ((await firstPair.count()) > 0) await firstPair.click();
    await page.screenshot({ path: outFile, type: "png", fullPage: true, animations: "disabled" });
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { width: { type: "string" } },
  });
  if (positionals.length > 2) {
    throw new Error("usage: render-dashboard-png.ts [summary.json] [out.png] [--width PX]");
  }
  const [summaryFile = DEFAULT_SUMMARY, outFile = DEFAULT_OUT] = positionals;
  const summary = JSON.parse(await readFile(summaryFile, "utf8")) as ClassSummary;
  await renderDashboardPng(summary, outFile, values.width === undefined ? 1280 : Number(values.width));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
