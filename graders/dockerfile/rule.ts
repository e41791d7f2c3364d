import type { ParsedDockerfile } from "../../src/dockerfile/parse.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import type { MessageData } from "../../src/i18n/text.js";
import type { DockerfileParams, RuleId } from "./params.js";

export interface RuleInput {
  dockerfile: ParsedDockerfile;
  params: DockerfileParams;
  /**
   * Paths of the build context's files, relative to the submission root, when the grader could list
   * them: lets a rule tell that `COPY requirements.txt` names a file the repository spells differently.
   */
  contextFiles?: readonly string[];
}

/** What a rule observed. The grader adds the rule's code and the Dockerfile's path. */
export interface RuleFinding {
  messageId: string;
  severity: "ok" | "problem" | "info";
  data?: MessageData;
  line?: number;
}

/**
 * One rule over the parsed Dockerfile, in the manner of a hadolint rule: a stable code, its own messages
 * (ids prefixed with the rule's name, in French and English), and a pure check. A rule passes when it
 * reports no problem.
 */
export interface DockerfileRule {
  id: RuleId;
  code: string;
  messages: MessageCatalog;
  check(input: RuleInput): RuleFinding[];
}

export function passes(findings: readonly RuleFinding[]): boolean {
  return !findings.some((f) => f.severity === "problem");
}
