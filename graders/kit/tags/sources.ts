import path from "node:path";
import type { Code, Nodes, Root } from "mdast";
import type { GraderContext } from "../../../src/grader/contract.js";
import { parseMarkdown } from "../../../src/markdown/parse.js";
import { readParsedReport } from "../../../src/markdown/report-memo.js";
import { type CommandSource, type DockerCommand, extractDockerCommands } from "./commands.js";

const MAKEFILES = new Set(["Makefile", "makefile", "GNUmakefile"]);

/**
 * The commands of a Markdown document: its code blocks, and inline code that is a whole docker command
 * (`docker tag quotegen:1.1.0 quotegen:latest` quoted in a sentence or a table cell).
 */
export function markdownCommandSources(
  file: string,
  text: string,
  root: Root = parseMarkdown(text),
): CommandSource[] {
  const lines = text.split(/\r?\n/);
  const out: CommandSource[] = [];
  const visit = (node: Nodes) => {
    if (node.type === "inlineCode" && /^\s*(sudo\s+)?docker\s/.test(node.value)) {
      out.push({ file, text: node.value, firstLine: node.position?.start.line ?? 1 });
      return;
    }
    if (node.type === "code") {
      const start = (node as Code).position?.start.line ?? 1;
      // A fenced block's content starts on the line after its fence; an indented block's on its first line.
      const fenced = /^\s*(```|~~~)/.test(lines[start - 1] ?? "");
      out.push({ file, text: node.value, firstLine: fenced ? start + 1 : start });
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return out;
}

/**
 * The docker commands a submission documents: the report's (in reading order) first, then
 * `*.sh` scripts and a Makefile at the submission root (by name). Nothing is ever run.
 */
export async function documentedCommands(
  ctx: Pick<GraderContext, "submission" | "files">,
  options: { scripts?: boolean } = {},
): Promise<DockerCommand[]> {
  const sources: CommandSource[] = [];
  const report = ctx.submission.reportFile;
  if (report) {
    const read = await readParsedReport(ctx.files, report);
    if (read.ok) sources.push(...markdownCommandSources(read.rel, read.text, read.root));
  }
  if (options.scripts ?? true) {
    const listed = await ctx.files.list("", { depth: 0 });
    for (const file of listed) {
      const name = path.posix.basename(file.rel);
      if (file.kind !== "file" || !(name.endsWith(".sh") || MAKEFILES.has(name))) continue;
      const read = await ctx.files.readText(file.rel, { from: "repo" });
      if (read.ok)
        sources.push({ file: read.rel, text: read.text, firstLine: 1, makefile: MAKEFILES.has(name) });
    }
  }
  return sources.flatMap(extractDockerCommands);
}
