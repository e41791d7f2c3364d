// The dashboard as a teacher opens it: written to disk, opened from a file:// URL in headless Chromium, with
// every network request refused and recorded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/chromium.js";
import { renderDashboard } from "./dashboard.js";
import { HOSTILE, loadSummaryFixture, withHostileStrings } from "./summary-testkit.js";

const ARTIFACTS = path.resolve("test-artifacts");
const summary = withHostileStrings(loadSummaryFixture());

interface Watched {
  page: Page;
  network: string[];
  consoleErrors: string[];
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(path.join(tmpdir(), "dockgrade-dashboard-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `html` from disk; records every non-file request (refused) and every console error. */
async function open(html: string, name: string): Promise<Watched> {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const network: string[] = [];
  const consoleErrors: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) network.push(request.url());
  });
  await page.route(
    (url) => url.protocol !== "file:",
    (route) => route.abort(),
  );
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  // Runs before the page's own code and outside its CSP: records every violation the page causes.
  await page.addInitScript({
    content: `window.__violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        window.__violations.push(event.violatedDirective + " " + event.blockedURI));`,
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, network, consoleErrors };
}

// The page's globals, read from Node (this project compiles without the DOM's types).
const violations = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
const pwned = (page: Page) => page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);

/** The score column, top to bottom, as the numbers sorted on (empty for errored rows). */
function scores(page: Page): Promise<string[]> {
  return page
    .locator("#submissions tbody tr > td:nth-child(4)")
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-value") ?? "?"));
}

function visibleRows(page: Page): Promise<string[]> {
  return page.locator("#submissions tbody tr:not([hidden]) > td:first-child").allTextContents();
}

describe("class dashboard in Chromium", () => {
  let watched: Watched;
  beforeAll(async () => {
    watched = await open(renderDashboard(summary), "index");
  }, 60_000);

  it("sorts by score, ascending then descending, errored rows last", async () => {
    const { page } = watched;
    const header = page.locator("#submissions thead th").nth(3);
    await expect(header.textContent()).resolves.toContain("Note");
    await header.locator("button").click();
    await expect(header.getAttribute("aria-sort")).resolves.toBe("ascending");
    expect(await scores(page)).toEqual(["26", "45", "68", "69", "73", "78", "89", "90", "95", "99", "", ""]);
    await header.locator("button").click();
    await expect(header.getAttribute("aria-sort")).resolves.toBe("descending");
    expect(await scores(page)).toEqual(["99", "95", "90", "89", "78", "73", "69", "68", "45", "26", "", ""]);
    expect(await page.locator("#submissions th[aria-sort]").count()).toBe(1);
  });

  it("filters rows by text (any cell, any case) and by status", async () => {
    const { page } = watched;
    await page.fill("#filter-text", "MOREAU");
    expect(await visibleRows(page)).toEqual(["e2310"]);
    await expect(page.locator("#filter-count").textContent()).resolves.toBe("1 rendu(s) affiché(s) sur 12");
    await page.fill("#filter-text", "");
    await page.selectOption("#filter-status", "error");
    expect((await visibleRows(page)).sort()).toEqual(["e2310", "e2312"]);
    await page.fill("#filter-text", "clonage");
    expect(await visibleRows(page)).toEqual(["e2312"]);
    await page.selectOption("#filter-status", "graded");
    expect(await visibleRows(page)).toEqual([]);
    await page.fill("#filter-text", "");
    await page.selectOption("#filter-status", "all");
    expect(await visibleRows(page)).toHaveLength(12);
  });

  it("draws one histogram bar per bin, visible exactly where the count is not zero", async () => {
    const bars = await watched.page.locator("#histogram rect.bar").evaluateAll((rects) =>
      rects.map((rect) => ({
        count: Number(rect.getAttribute("data-count")),
        height: rect.getBoundingClientRect().height,
      })),
    );
    expect(bars.map((bar) => bar.count)).toEqual(summary.histogram.map((bin) => bin.count));
    for (const bar of bars) expect(bar.height > 0).toBe(bar.count > 0);
  });

  it("shows hostile student text as text, and none of it runs", async () => {
    const { page } = watched;
    for (const summaryLine of await page.locator("details > summary").all()) await summaryLine.click();
    await expect(page.locator("details[open]").count()).resolves.toBe(summary.similarity.length);
    const text = (await page.textContent("body")) ?? "";
    for (const value of [HOSTILE.name, HOSTILE.username, HOSTILE.error, HOSTILE.commit.slice(0, 7)]) {
      expect(text).toContain(value);
    }
    await expect(page.locator("pre", { hasText: "window.__pwned = 'passage'" }).count()).resolves.toBe(1);
    await expect(page.title()).resolves.toContain(HOSTILE.rubricTitle);
    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator("img, script:not(:last-of-type)").count()).toBe(0);
  });

  it("loads nothing from the network, logs no error and breaks no security rule", async () => {
    expect(watched.network).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(await violations(watched.page)).toEqual([]);
  });

  it("saves a full-page screenshot for people to look at", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, "dashboard.png");
    await watched.page.screenshot({ path: file, fullPage: true });
    const size = await watched.page.locator("html").evaluate((html) => html.scrollWidth);
    expect(size).toBeLessThanOrEqual(1280);
  });
});

describe("the page's security policy", () => {
  it("stops markup that escaped its escaping, and reports it", async () => {
    const injected = renderDashboard(summary).replace(
      "<footer>",
      `<script>window.__pwned = "raw"</script><img src="x.png" onerror="window.__pwned = 'img'"><footer>`,
    );
    const { page, network } = await open(injected, "injected");
    expect(await pwned(page)).toBeUndefined();
    const seen = await violations(page);
    expect(seen.some((line) => line.startsWith("script-src"))).toBe(true);
    expect(seen.some((line) => line.startsWith("img-src"))).toBe(true);
    expect(network).toEqual([]);
    await page.close();
  });
});
