import type { ParsedDockerfile } from "../../src/dockerfile/parse.js";
import { creditStatus, type Finding, type GraderResult } from "../../src/grader/contract.js";
import { RULES } from "./all-rules.js";
import type { DockerfileParams } from "./params.js";
import { passes } from "./rule.js";

/**
 * Runs the selected rules on a parsed Dockerfile. Credit is the share of rules that pass; each finding
 * carries its rule's code and the Dockerfile's repository-relative path.
 */
export function judgeDockerfile(
  dockerfile: ParsedDockerfile,
  params: DockerfileParams,
  options: { file: string; contextFiles?: readonly string[] },
): GraderResult {
  const selected = RULES.filter((rule) => params.rules.includes(rule.id));
  const findings: Finding[] = [];
  const outcome: Record<string, "pass" | "fail"> = {};
  for (const rule of selected) {
    const found = rule.check({ dockerfile, params, contextFiles: options.contextFiles });
    outcome[rule.id] = passes(found) ? "pass" : "fail";
    for (const { line, ...f } of found)
      findings.push({ ...f, code: rule.code, file: options.file, ...(line ? { line } : {}) });
  }
  const passed = Object.values(outcome).filter((o) => o === "pass").length;
  const credit = selected.length === 0 ? 0 : passed / selected.length;
  const status = creditStatus(credit);
  return { status, credit, findings, details: { rules: outcome } };
}
