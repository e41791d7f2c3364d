import picomatch from "picomatch";
import type { DfInstruction } from "../../src/dockerfile/parse.js";

/** A COPY or ADD that takes files from the build context (not `--from` another stage or image). */
export interface ContextCopy {
  /** Position in the lineage's steps. */
  index: number;
  step: DfInstruction;
  sources: string[];
  dest: string;
  /** Copies the whole context (`.`, `./`, `*`): everything, the requirements file included. */
  whole: boolean;
  /** Copies the requirements file under its exact name (or with the whole context, or a matching glob). */
  requirements: boolean;
  /** A source that differs from the requirements file only by case: another file for Docker. */
  requirementsCase?: string;
  /** Copies something else than the requirements file: application code or data. */
  code: boolean;
}

/** Context path as Docker reads a COPY source: `./a/` and `/a` are both `a`, `.` is "". */
export function contextPath(source: string): string {
  return source
    .replace(/^(\.\/|\/)+/, "")
    .replace(/\/+$/, "")
    .replace(/^\.$/, "");
}

export function contextCopies(steps: readonly DfInstruction[], requirementsFile: string): ContextCopy[] {
  const wanted = contextPath(requirementsFile);
  const copies: ContextCopy[] = [];
  steps.forEach((step, index) => {
    if ((step.keyword !== "COPY" && step.keyword !== "ADD") || "from" in step.flags) return;
    if (step.text.startsWith("<<")) return; // a heredoc writes inline content, not context files
    const words = step.exec ?? step.args;
    const sources = words.slice(0, -1).filter((s) => !/^[a-z]+:\/\//i.test(s) && !s.startsWith("git@"));
    if (sources.length === 0) return;
    let whole = false;
    let requirements = false;
    let code = false;
    let requirementsCase: string | undefined;
    for (const source of sources) {
      const path = contextPath(source);
      if (path === "" || path === "*") {
        whole = requirements = code = true;
      } else if (path === wanted || (picomatch.scan(path).isGlob && picomatch(path, { dot: true })(wanted))) {
        requirements = true;
      } else if (path.toLowerCase() === wanted.toLowerCase()) {
        requirementsCase = source;
      } else {
        code = true;
      }
    }
    const copy: ContextCopy = { index, step, sources, dest: words.at(-1) ?? "", whole, requirements, code };
    if (requirementsCase !== undefined) copy.requirementsCase = requirementsCase;
    copies.push(copy);
  });
  return copies;
}
