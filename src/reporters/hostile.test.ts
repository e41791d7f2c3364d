import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasControlCharacters } from "../report/sanitize.js";
import type { Report } from "../report/schema.js";
import { reporters } from "./index.js";
import { cell, code } from "./markdown.js";

const ESC = "\u001b";
const base = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;

/** A report as a hand-edited report.json could hold it (`dockgrade render` reads those): nothing sanitised. */
function hostileReport(): Report {
  const report = structuredClone(base);
  report.submission.source = "evil`](x) <img src=x>\r\n# Forged";
  report.submission.reportFile = `RE${ESC}]0;title\u0007PORT.md`;
  const check = report.steps[0]?.checks[0];
  if (!check) throw new Error("fixture without checks");
  check.status = "fail";
  check.message = `body:\r# Forged heading\r\n| x | y |\n::error::forged\n${ESC}[?1049h![t](http://evil/p.png)<script>`;
  return report;
}

describe("reporters escape student text for their format", () => {
  it("Markdown: the table keeps its rows, no heading, image, HTML or CR can be forged", () => {
    const markdown = reporters.md(hostileReport(), { color: false, showHidden: true });
    expect(hasControlCharacters(markdown)).toBe(false);
    expect(markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(
      markdown.split("\n").filter((line) => /^#{1,2} /.test(line) && !line.includes("Forged")),
    );
    expect(markdown).not.toMatch(/<script|!\[t\]\(|^::/m);
    expect(markdown).toContain("``evil`](x) <img src=x> # Forged``");
    const row = markdown.split("\n").find((line) => line.includes("body:"));
    expect(row).toMatch(/^\| .* \|$/);
    expect(row).toContain("body:<br># Forged heading<br>\\| x \\| y \\|<br>:\u200b:error::forged<br>");
  });

  it("Markdown: inline code cannot be closed by a backtick", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x")).toBe("`` `x ``");
    expect(cell("[a](b) & <c>")).toBe("&#91;a&#93;(b) &amp; &lt;c&gt;");
  });

  it("text: no escape sequence but its own colours, no workflow command at a line start", () => {
    const text = reporters.text(hostileReport(), { color: false, showHidden: true });
    expect(hasControlCharacters(text)).toBe(false);
    expect(text.split("\n").some((line) => line.trimStart().startsWith("::"))).toBe(false);
  });

  it("classroom JSON: escaped by JSON, and free of control characters", () => {
    const json = reporters.classroom(hostileReport());
    expect(json).not.toMatch(/\\u001b|\\r/);
  });
});
