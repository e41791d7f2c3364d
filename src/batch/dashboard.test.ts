import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderDashboard } from "./dashboard.js";
import { dashboardWords } from "./dashboard-labels.js";
import { escapeHtml } from "./html-escape.js";
import { HOSTILE, loadSummaryFixture, withHostileStrings } from "./summary-testkit.js";
import type { ClassSummary } from "./types.js";

const fixture = loadSummaryFixture();
const hostile = withHostileStrings(fixture);
const inEnglish = (summary: ClassSummary): ClassSummary => ({ ...summary, lang: "en" });
const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

describe("renderDashboard: student text stays text", () => {
  const html = renderDashboard(hostile);

  it("has one script element, the dashboard's own", () => {
    expect(count(html, /<script/gi)).toBe(1);
    expect(count(html, /<\/script/gi)).toBe(1);
  });

  it.each(Object.entries(HOSTILE).filter(([key]) => key !== "reportPath"))(
    "shows the hostile %s escaped",
    (_key, value) => {
      expect(html).toContain(escapeHtml(value));
    },
  );

  it("lets no hostile markup through as markup", () => {
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg onload/i);
    expect(html).not.toMatch(/<b onmouseover/i);
    expect(html).not.toMatch(/<\/title><script/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
  });

  it("never turns a report path into a script link", () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toContain("javascript%3Awindow.__pwned%3D&#39;link&#39;/report.md");
    for (const href of hrefs) expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:(?!,)/i);
  });
});

describe("renderDashboard: self-contained", () => {
  const html = renderDashboard(fixture);

  it("loads nothing: no src, no CSS url or import, links only relative or data:", () => {
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
      expect(href === "data:," || /^[\w%.-]+(\/[\w%.-]+)*$/.test(href ?? "")).toBe(true);
    }
  });

  it("mentions http(s) addresses only inside student text", () => {
    let rest = html;
    for (const row of fixture.submissions) if (row.error) rest = rest.split(escapeHtml(row.error)).join("");
    expect(rest).not.toMatch(/https?:\/\//i);
    expect(html).toMatch(/https:\/\/github\.com\/lmoreau/);
  });

  it("allows exactly its own script by hash in the Content-Security-Policy", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `script-src 'sha256-${hash}'`,
      "img-src data:",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
  });
});

describe("renderDashboard: content", () => {
  const html = renderDashboard(fixture);

  it("draws one histogram bar per bin with its count", () => {
    const counts = [...html.matchAll(/<rect class="bar" data-count="(\d+)"[^>]* height="([\d.]+)"/g)];
    expect(counts.map((match) => Number(match[1]))).toEqual(fixture.histogram.map((bin) => bin.count));
    for (const [, n, height] of counts) expect(Number(height) > 0).toBe(Number(n) > 0);
  });

  it("has one table row per submission, with status, report link and reuse badge", () => {
    expect(count(html, /<tr data-status="graded">/g)).toBe(10);
    expect(count(html, /<tr data-status="error">/g)).toBe(2);
    expect(count(html, /<a href="e23\d\d\/report\.md">/g)).toBe(10);
    expect(count(html, /class="badge reused"/g)).toBe(4);
    expect(html).toContain('<td class="num" data-value="95"><strong>95</strong> / 100</td>');
  });

  it("shows the class stats in French number style", () => {
    expect(html).toContain("<dd>73,2 <small>sur 100</small></dd>");
    expect(html).toContain("<dd>26 – 99 <small>sur 100</small></dd>");
  });

  it("lists the errors with their reason, and every similar pair with its passages", () => {
    expect(html).toContain('Louis Moreau</td><td class="error-text">Le dépôt');
    expect(count(html, /<details /g)).toBe(4);
    expect(html).toContain("corrigé publié « README-corrige.md »");
    expect(html).toContain("83\u202f% en commun");
  });

  it("says so when nothing could be graded and nothing looks alike", () => {
    const empty: ClassSummary = {
      ...fixture,
      submissions: fixture.submissions.filter((row) => row.status === "error"),
      stats: { count: 2, graded: 0, errors: 2, mean: null, median: null, min: null, max: null },
      histogram: fixture.histogram.map((bin) => ({ ...bin, count: 0 })),
      steps: fixture.steps.map((step) => ({ ...step, average: null })),
      mostFailed: [],
      similarity: [],
    };
    const out = renderDashboard(inEnglish(empty));
    expect(out).not.toContain("<svg");
    expect(out).toContain(dashboardWords.nothingGraded.en.replace(/'/g, "&#39;"));
    expect(out).toContain(dashboardWords.similarityNone.en);
    expect(out).toContain(dashboardWords.noneFailed.en);
    expect(out).toContain("<dd><small>no score</small></dd>");
  });
});

describe("renderDashboard: languages", () => {
  const headings = [
    "statsHeading",
    "histogramHeading",
    "stepsHeading",
    "tableHeading",
    "errorsHeading",
  ] as const;

  it.each(["fr", "en"] as const)("renders every heading in %s and none of the other language", (lang) => {
    const other = lang === "fr" ? "en" : "fr";
    const html = renderDashboard({ ...fixture, lang });
    expect(html).toContain(`<html lang="${lang}">`);
    for (const key of headings) {
      expect(html).toContain(escapeHtml(dashboardWords[key][lang]));
      expect(html).not.toContain(escapeHtml(dashboardWords[key][other]));
    }
  });

  it.each(Object.entries(dashboardWords))("%s: both languages, same placeholders", (_key, word) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(word.fr.trim()).not.toBe("");
    expect(word.en.trim()).not.toBe("");
    expect(placeholders(word.fr)).toEqual(placeholders(word.en));
  });
});

describe("renderDashboard: stable", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives the same page for the same summary, whatever the clock, without changing it", () => {
    const before = structuredClone(hostile);
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const first = renderDashboard(hostile);
    vi.setSystemTime(new Date("1999-06-15T12:00:00Z"));
    expect(renderDashboard(hostile)).toBe(first);
    expect(hostile).toEqual(before);
  });

  it.each(["fr", "en"] as const)("matches the saved page in %s", async (lang) => {
    await expect(renderDashboard({ ...fixture, lang })).toMatchFileSnapshot(
      `__fixtures__/dashboard.${lang}.html`,
    );
  });
});
