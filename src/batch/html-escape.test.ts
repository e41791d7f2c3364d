import { describe, expect, it } from "vitest";
import { escapeHtml, relativeHref } from "./html-escape.js";

describe("escapeHtml", () => {
  it.each([
    ["plain text", "plain text"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['<img src=x onerror="a()">', "&lt;img src=x onerror=&quot;a()&quot;&gt;"],
    ["it's R&D", "it&#39;s R&amp;D"],
    ["&amp; stays visible", "&amp;amp; stays visible"],
    ["Étape 4 — Volumes", "Étape 4 — Volumes"],
  ])("%j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("relativeHref", () => {
  it.each([
    ["e2301/report.md", "e2301/report.md"],
    ["Jade Simon/report.md", "Jade%20Simon/report.md"],
    ["javascript:alert(1)", "javascript%3Aalert(1)"],
    ["../../etc/passwd", "etc/passwd"],
    ["/abs/report.md", "abs/report.md"],
    ['a"><script>/report.md', "a%22%3E%3Cscript%3E/report.md"],
    ["win\\report.md", "win/report.md"],
  ])("%j -> %j", (input, expected) => {
    expect(relativeHref(input)).toBe(expected);
  });
});
