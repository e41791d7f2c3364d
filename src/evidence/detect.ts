import type { CodeBlock, ImageRef } from "../markdown/figures.js";
import { normalizeText, stripAccents } from "../text/normalize.js";
import { compilePattern } from "../text/pattern.js";
import type { CommandEvidence } from "./commands.js";

export interface Evidence {
  id: string;
  /** How the output was shown: a screenshot, pasted output, or not at all. */
  via?: "image" | "code";
  line?: number;
  image?: string;
  /** The command was typed in a code block but its output is not there. */
  typedWithoutOutput?: number;
}

interface Segment {
  text: string;
  commandLine?: string;
  line?: number;
  caption: string;
}

/** A line where a command is typed: an optional prompt (`$`, `#`, `>`, `PS C:\…>`), then `docker <sub>`. */
const COMMAND_LINE = /^(?:[^\n]{0,80}?[$#>%]\s*)?(?:sudo\s+)?docker\s+[a-z]/;

/**
 * Which commands' outputs a section shows. An image counts when it exists (`imageExists`) and its caption
 * names the command; a code block counts when one command's part of it (blocks are cut at each typed
 * `docker …` line) matches every `output` shape, one of the `marks` if any (in the output, its command
 * line or, for a block without command lines, its caption) and none of the `excludes`.
 */
export function detectEvidence(
  figures: { images: readonly ImageRef[]; code: readonly CodeBlock[] },
  commands: readonly CommandEvidence[],
  imageExists: (url: string) => boolean,
): Evidence[] {
  const segments = figures.code.flatMap(segmentsOf);
  return commands.map((command) => {
    const caption = compilePattern(command.caption);
    const output = command.output.map(compilePattern);
    const marks = command.marks.map(compilePattern);
    const excludes = command.excludes.map(compilePattern);
    const shown = segments.find(
      (s) =>
        output.every((re) => re.test(s.text)) &&
        (marks.length === 0 ||
          marks.some((re) => re.test(s.text) || (!s.commandLine && re.test(stripAccents(s.caption))))) &&
        !excludes.some((re) => re.test(s.text)),
    );
    if (shown) return { id: command.id, via: "code", line: shown.line };
    const image = figures.images.find((i) => imageExists(i.url) && caption.test(normalizeText(i.caption)));
    if (image) return { id: command.id, via: "image", line: image.line, image: image.url };
    const typed = segments.find((s) => s.commandLine && caption.test(normalizeText(s.commandLine)));
    return typed ? { id: command.id, typedWithoutOutput: typed.line } : { id: command.id };
  });
}

/** Cuts a code block at each typed `docker …` line; text before the first one is a segment of its own. */
function segmentsOf(block: CodeBlock): Segment[] {
  const lines = block.value.split(/\r?\n/);
  const segments: Segment[] = [];
  let current: Segment | undefined;
  lines.forEach((text, i) => {
    const line = block.line === undefined ? undefined : block.line + 1 + i;
    if (COMMAND_LINE.test(text)) {
      current = { text: stripAccents(text), commandLine: text, line, caption: block.caption };
      segments.push(current);
    } else if (current) current.text += `\n${stripAccents(text)}`;
    else if (text.trim() !== "") {
      current = { text: stripAccents(text), line, caption: block.caption };
      segments.push(current);
    }
  });
  return segments;
}
