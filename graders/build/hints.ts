import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { contextFilter } from "../../src/docker/build-context.js";
import type { BuildFailure } from "../../src/docker/session.js";
import { nearMissName } from "../../src/submission/near-miss.js";
import type { BuildMessageId } from "./messages.js";

/** A hint: why a build failed in student terms, and the fix. Rendered from the build grader's catalog. */
export interface Hint {
  messageId: BuildMessageId;
  code: string;
  data: Record<string, string | number>;
  line?: number;
}

/** What the grader read from the submission for the hints: folder listings and the two build files. */
export interface BuildFacts {
  /** File names per folder of the submission root ("" is the root itself). */
  names: ReadonlyMap<string, readonly string[]>;
  dockerignore?: string;
  dockerfile?: string;
  /** The submission root for messages (`.` or `tp1`). */
  where: string;
}

/** The source a failed COPY/ADD could not find, from the daemon's message. */
export function missingCopySource(message: string): string | undefined {
  if (!/^(COPY|ADD) failed/.test(message)) return undefined;
  const stat = /stat ([^:]+): file does not exist/.exec(message)?.[1];
  // Older engines name the path inside their temporary copy of the context.
  return stat
    ?.replace(/^.*\/docker-builder\d+\//, "")
    .replace(/^\/+/, "")
    .replace(/^\.\//, "");
}

/**
 * The Dockerfile line of build step `index` (1-based): the classic builder counts every instruction from
 * the first FROM on (ARGs before it are not steps). Undefined when the text does not line up.
 */
export function stepLine(dockerfile: string, index: number, instruction: string): number | undefined {
  const all = DockerfileParser.parse(dockerfile).getInstructions();
  const first = all.findIndex((i) => i.getKeyword() === "FROM");
  const step = first < 0 ? undefined : all[first + index - 1];
  if (!step) return undefined;
  const keyword = instruction.split(/\s/)[0]?.toUpperCase();
  return step.getKeyword() === keyword ? step.getRange().start.line + 1 : undefined;
}

const PIP_NETWORK =
  /(No matching distribution found for \S+|Could not find a version that satisfies the requirement \S+|Failed to establish a new connection|Temporary failure in name resolution|ProxyError|ConnectTimeoutError)/;

/** The likely causes of a build failure, most specific first; empty when nothing specific is known. */
export function buildHints(failure: BuildFailure, facts: BuildFacts): Hint[] {
  const hints: Hint[] = [];
  const message = failure.message;
  const output = failure.lastLines.join("\n");
  const instruction = failure.failingStep?.instruction ?? "";
  const rootNames = facts.names.get("") ?? [];

  if (/Cannot locate specified Dockerfile/i.test(message)) {
    const found = nearMissName("Dockerfile", rootNames);
    if (found)
      hints.push({ messageId: "hintRenameDockerfile", code: "B010", data: { found, where: facts.where } });
    else hints.push({ messageId: "hintAddDockerfile", code: "B011", data: { where: facts.where } });
  }
  const parse = /dockerfile parse error line (\d+): (.*)$/i.exec(message);
  if (parse) {
    const line = Number(parse[1]);
    hints.push({ messageId: "hintParseError", code: "B018", data: { line, detail: parse[2] ?? "" }, line });
  }
  const wanted = missingCopySource(message);
  if (wanted) hints.push(copyHint(wanted, facts));

  const requirements = /-r\s+(\S+)/.exec(instruction)?.[1];
  if (
    /pip3?\s+install/.test(instruction) &&
    requirements &&
    /Could not open requirements file/i.test(output)
  ) {
    hints.push({ messageId: "hintRequirementsNotCopied", code: "B015", data: { file: requirements } });
  }
  if (/externally-managed-environment/.test(output)) {
    hints.push({ messageId: "hintPipManaged", code: "B017", data: {} });
  } else {
    const network = PIP_NETWORK.exec(output)?.[1];
    if (network && /pip/.test(instruction))
      hints.push({ messageId: "hintPipNetwork", code: "B016", data: { detail: network } });
  }
  // Only the registry's "no such image" (or a name Docker cannot read) is the FROM line's fault; the
  // other pull failures never reach here (they are the harness's: build reason `pull`).
  if (failure.pull?.fault === "student") {
    const invalid = failure.pull.kind === "invalid-reference";
    hints.push({
      messageId: invalid ? "hintBaseImageInvalid" : "hintBaseImage",
      code: "B019",
      data: { image: failure.pull.image, detail: failure.pull.message },
    });
  }
  return hints;
}

function copyHint(wanted: string, facts: BuildFacts): Hint {
  const dir = path.posix.dirname(wanted) === "." ? "" : path.posix.dirname(wanted);
  const base = path.posix.basename(wanted);
  const names = facts.names.get(dir) ?? [];
  if (names.includes(base) && contextFilter(facts.dockerignore).excluded(wanted)) {
    return { messageId: "hintCopyIgnored", code: "B013", data: { wanted } };
  }
  const near = nearMissName(base, names);
  if (near)
    return {
      messageId: "hintCopyCase",
      code: "B012",
      data: { wanted, found: dir ? `${dir}/${near}` : near },
    };
  return { messageId: "hintCopyMissing", code: "B014", data: { wanted, where: facts.where } };
}
