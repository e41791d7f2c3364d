import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Report } from "../report/schema.js";
import { renderJunit } from "./junit.js";

const report = JSON.parse(readFileSync("src/reporters/__fixtures__/report.json", "utf8")) as Report;

/**
 * The JUnit schema: elements, their attributes (required ones marked) and children, from Jenkins'
 * junit-10.xsd, plus `<properties>` inside `<testcase>`, which the common JUnit XML format documents and
 * Jenkins and GitLab read. No XML package is installed, so a strict reader below checks the output.
 */
const SCHEMA: Record<string, { attrs: Record<string, boolean>; children: string[]; text?: boolean }> = {
  testsuites: {
    attrs: { name: false, time: false, tests: false, failures: false, disabled: false, errors: false },
    children: ["testsuite"],
  },
  testsuite: {
    attrs: {
      name: true,
      tests: true,
      failures: false,
      errors: false,
      time: false,
      disabled: false,
      skipped: false,
      timestamp: false,
      hostname: false,
      id: false,
      package: false,
      file: false,
      log: false,
      url: false,
      version: false,
    },
    children: ["properties", "testcase", "system-out", "system-err"],
  },
  properties: { attrs: {}, children: ["property"] },
  property: { attrs: { name: true, value: true }, children: [] },
  testcase: {
    attrs: {
      name: true,
      assertions: false,
      time: false,
      classname: false,
      status: false,
      class: false,
      file: false,
      line: false,
    },
    children: ["properties", "skipped", "error", "failure", "system-out", "system-err"],
  },
  skipped: { attrs: { message: false }, children: [], text: true },
  error: { attrs: { message: false, type: false }, children: [], text: true },
  failure: { attrs: { message: false, type: false }, children: [], text: true },
};
const NUMERIC = new Set(["tests", "failures", "errors", "skipped", "disabled", "time", "assertions"]);

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict reader for the XML subset JUnit uses; throws on anything malformed. */
function readXml(xml: string): XmlNode {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(prolog)) throw new Error("no XML declaration");
  let at = prolog.length;
  const decode = (raw: string) => {
    if (/[<]|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(raw))
      throw new Error(`bad character data at ${at}: ${raw}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids them, the check looks for them
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(raw)) throw new Error("control character");
    return raw.replace(/&(amp|lt|gt|quot|apos|#(\d+));/g, (_, name: string, code?: string) =>
      code
        ? String.fromCodePoint(Number(code))
        : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[name] ?? ""),
    );
  };
  const element = (): XmlNode => {
    const open = /^<([a-z-]+)((?:\s+[a-z_]+="[^"]*")*)\s*(\/?)>/.exec(xml.slice(at));
    if (!open) throw new Error(`expected an element at ${at}: ${xml.slice(at, at + 40)}`);
    at += open[0].length;
    const node: XmlNode = { name: open[1] ?? "", attrs: {}, children: [], text: "" };
    for (const [, key = "", value = ""] of (open[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)) {
      if (key in node.attrs) throw new Error(`duplicate attribute ${key}`);
      node.attrs[key] = decode(value);
    }
    if (open[3]) return node;
    for (;;) {
      const text = /^[^<]*/.exec(xml.slice(at))?.[0] ?? "";
      at += text.length;
      node.text += decode(text);
      if (xml.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      node.children.push(element());
    }
  };
  const root = element();
  if (xml.slice(at).trim() !== "") throw new Error("content after the root element");
  return root;
}

function schemaProblems(node: XmlNode, path = ""): string[] {
  const here = `${path}/${node.name}`;
  const rule = SCHEMA[node.name];
  if (!rule) return [`${here}: unknown element`];
  const out: string[] = [];
  for (const [attr, required] of Object.entries(rule.attrs))
    if (required && !(attr in node.attrs)) out.push(`${here}: missing ${attr}`);
  for (const [attr, value] of Object.entries(node.attrs)) {
    if (!(attr in rule.attrs)) out.push(`${here}: unknown attribute ${attr}`);
    if (NUMERIC.has(attr) && !/^\d+(\.\d+)?$/.test(value)) out.push(`${here}: ${attr} not a number`);
    if (attr === "timestamp" && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(value))
      out.push(`${here}: timestamp`);
  }
  if (!rule.text && node.text.trim() !== "") out.push(`${here}: text not allowed`);
  for (const child of node.children) {
    if (!rule.children.includes(child.name)) out.push(`${here}: ${child.name} not allowed here`);
    out.push(...schemaProblems(child, here));
  }
  return out;
}

const cases = (root: XmlNode) =>
  root.children.flatMap((suite) => suite.children.filter((c) => c.name === "testcase"));
const props = (node: XmlNode) =>
  Object.fromEntries(
    (node.children.find((c) => c.name === "properties")?.children ?? []).map((p) => [
      p.attrs.name,
      p.attrs.value,
    ]),
  );

describe("JUnit XML", () => {
  const xml = renderJunit(report);
  const root = readXml(xml);

  it("the structural check catches what the schema forbids (it can fail)", () => {
    expect(schemaProblems(readXml(xml.replace("<testsuite ", '<testsuite bogus="1" ')))).toContain(
      "/testsuites/testsuite: unknown attribute bogus",
    );
    expect(() => readXml(xml.replace("</testsuite>", ""))).toThrow();
    expect(() => readXml(xml.replace("EXPOSE 5000", "<b>EXPOSE 5000"))).toThrow();
    expect(() => readXml(xml.replace("EXPOSE 5000", "EXPOSE & 5000"))).toThrow();
  });

  it("follows the JUnit schema", async () => {
    expect(schemaProblems(root)).toEqual([]);
    await expect(xml).toMatchFileSnapshot("__fixtures__/report.fr.junit.xml");
  });

  it("a suite per step, a case per check, points in properties that add up to the report's", () => {
    expect(root.children.map((s) => [s.attrs.name, s.attrs.tests])).toEqual([
      ["Étape 0 — Arborescence", "1"],
      ["Étape 2 — Dockerfile", "4"],
    ]);
    const points = cases(root).map((c) => Number(props(c).score));
    expect(points.reduce((a, b) => a + b, 0)).toBe(report.score);
    expect(cases(root).map((c) => Number(props(c).max_score))).toEqual([5, 5, 5, 3, 2]);
  });

  it("failure text is the message and the hint; errors and skips are told apart; hidden checks silent", () => {
    const [, partial, skipped, hidden, failed] = cases(root);
    expect(partial?.children.find((c) => c.name === "failure")?.text).toBe(
      "Dockerfile:9 CMD en forme shell | attendu : forme exec\nConseil : Relisez la partie sur PID 1.",
    );
    expect(skipped?.children.map((c) => c.name)).toEqual(["properties", "skipped"]);
    expect(hidden?.attrs.name).toBe("vérification cachée");
    expect(hidden?.children.find((c) => c.name === "error")?.text).toBe("");
    expect(failed?.children.find((c) => c.name === "failure")?.attrs.message).toBe(
      "0/2 — EXPOSE 5000 manquant.",
    );
    expect(root.attrs).toMatchObject({ tests: "5", failures: "2", errors: "1" });
  });

  it("student text with markup, quotes and control characters stays well-formed", () => {
    const nasty = '</failure><testcase name="x"/> & "quoted" \u0007bell \ud800';
    const hostile: Report = structuredClone(report);
    const check = hostile.steps[1]?.checks[3];
    if (check) check.message = nasty;
    const read = readXml(renderJunit(hostile));
    expect(schemaProblems(read)).toEqual([]);
    expect(cases(read)[4]?.children.find((c) => c.name === "failure")?.text).toBe(
      '</failure><testcase name="x"/> & "quoted" \ufffdbell \ufffd',
    );
  });
});
