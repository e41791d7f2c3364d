// Renders plain terminal text as a PNG that looks like a terminal window (dark background, light monospace
// text). Used to make the screenshots of the example submissions and the OCR test fixtures, so the images come
// from real command output instead of being drawn by hand.
//
// CLI: npx tsx scripts/render-terminal-png.ts in.txt out.png [--title "docker info"] [--width 900]
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, stripVTControlCharacters } from "node:util";
import { launchChromium } from "./chromium.js";

export interface RenderTerminalOptions {
  /** Text shown in the window's title bar, for example the command that produced the output. */
  title?: string;
  /** Window width in CSS pixels; longer lines wrap. Without it the window fits the longest line. */
  width?: number;
}

// 18px keeps the text large enough for tesseract to read reliably.
const FONT_SIZE_PX = 18;
const MIN_WIDTH_PX = 480;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function pageHtml(text: string, options: RenderTerminalOptions): string {
  // Colour and cursor escapes would show up as garbage; the text is rendered in one colour anyway.
  const body = escapeHtml(stripVTControlCharacters(text).replace(/\r\n?/g, "\n").replace(/\n+$/, ""));
  const title = escapeHtml(options.title ?? "");
  // A fixed width wraps long lines; otherwise the window grows to the longest line (inline-block).
  const sizing =
    options.width === undefined
      ? `display: inline-block; min-width: ${MIN_WIDTH_PX}px;`
      : `display: block; width: ${options.width}px;`;
  const wrap = options.width === undefined ? "pre" : "pre-wrap";
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  html, body { margin: 0; padding: 0; background: #1e1e1e; }
  #window { ${sizing} box-sizing: border-box; background: #1e1e1e; }
  #bar { display: flex; align-items: center; gap: 8px; height: 32px; padding: 0 12px; background: #323233;
         font: 14px "DejaVu Sans", sans-serif; color: #cccccc; }
  .dot { width: 12px; height: 12px; border-radius: 50%; }
  #title { margin-left: 8px; white-space: nowrap; overflow: hidden; }
  pre { margin: 0; padding: 14px 18px 18px; color: #e6e6e6; tab-size: 8; white-space: ${wrap};
        font: ${FONT_SIZE_PX}px/1.35 "DejaVu Sans Mono", "Liberation Mono", monospace; }
</style></head><body><div id="window">
  <div id="bar">
    <span class="dot" style="background:#ff5f56"></span>
    <span class="dot" style="background:#ffbd2e"></span>
    <span class="dot" style="background:#27c93f"></span>
    <span id="title">${title}</span>
  </div>
  <pre>${body}</pre>
</div></body></html>`;
}

export async function renderTerminalPng(
  text: string,
  outFile: string,
  options: RenderTerminalOptions = {},
): Promise<void> {
  if (options.width !== undefined && !(Number.isInteger(options.width) && options.width >= 200)) {
    throw new Error(`renderTerminalPng: options.width must be an integer >= 200, got ${options.width}`);
  }
  const browser = await launchChromium();
  try {
    // The viewport only needs to be wide enough; the screenshot is clipped to the window element.
    const page = await browser.newPage({ viewport: { width: 1600, height: 600 }, deviceScaleFactor: 1 });
    // The page is self-contained: refuse any request so rendering never touches the network.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(pageHtml(text, options), { waitUntil: "load" });
    await page.locator("#window").screenshot({ path: outFile, type: "png", animations: "disabled" });
  } finally {
    await browser.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { title: { type: "string" }, width: { type: "string" } },
  });
  const [inFile, outFile] = positionals;
  if (inFile === undefined || outFile === undefined || positionals.length > 2) {
    throw new Error("usage: render-terminal-png.ts <in.txt> <out.png> [--title TEXT] [--width PX]");
  }
  const options: RenderTerminalOptions = {};
  if (values.title !== undefined) options.title = values.title;
  if (values.width !== undefined) options.width = Number(values.width);
  await renderTerminalPng(await readFile(inFile, "utf8"), outFile, options);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
