import type { Finding } from "../../src/grader/contract.js";
import { execPattern, matchesPattern } from "../../src/text/pattern.js";
import { patternInWords } from "../../src/text/pattern-words.js";
import { argvText, formatLogs } from "../kit/app/diagnose.js";
import type { ExecMessageId } from "./messages.js";

export interface ExecExpectations {
  command: string[];
  expectedExitCode: number;
  expectedOutput: string[];
  excludedOutput: string[];
  timeoutSeconds: number;
}

export interface ExecRun {
  exitCode?: number;
  timedOut: boolean;
  /** stdout and stderr together, in the order they came. */
  output: string;
}

/**
 * Like container-structure-test's command tests: the command's exit code, then every expected pattern
 * found in its output (stdout and stderr; rubric patterns, `^` and `$` at line ends) and no excluded one. Every unmet expectation
 * is its own finding; the check passes only when all are met.
 */
export function judgeExec(
  expect: ExecExpectations,
  run: ExecRun,
): { passed: boolean; findings: Finding<ExecMessageId>[] } {
  const command = argvText(expect.command);
  const output = formatLogs(run.output.split("\n"));
  const problems: Finding<ExecMessageId>[] = [];
  const problem = (messageId: ExecMessageId, data: Record<string, string | number>) =>
    problems.push({ messageId, severity: "problem", data: { command, ...data } });
  if (run.timedOut || run.exitCode === undefined) {
    problem("execTimedOut", { seconds: expect.timeoutSeconds, output });
    return { passed: false, findings: problems };
  }
  if (run.exitCode !== expect.expectedExitCode) {
    const missing =
      /executable file not found|no such file or directory/i.test(run.output) && run.exitCode >= 126;
    problem(missing ? "execNotFound" : "execExitCode", {
      expected: expect.expectedExitCode,
      found: run.exitCode,
      program: expect.command[0] ?? "",
      output,
    });
  }
  for (const pattern of expect.expectedOutput)
    if (!matchesPattern(pattern, run.output))
      problem("execMissingOutput", { expected: patternInWords(pattern), output });
  for (const pattern of expect.excludedOutput) {
    const match = execPattern(pattern, run.output);
    if (match)
      problem("execExcludedOutput", { expected: patternInWords(pattern), match: match[0].slice(0, 120) });
  }
  if (problems.length > 0) return { passed: false, findings: problems };
  return {
    passed: true,
    findings: [
      { messageId: "execPassed", severity: "ok", data: { command, exitCode: run.exitCode } },
      ...expect.expectedOutput.map(
        (pattern): Finding<ExecMessageId> => ({
          messageId: "execOutputFound",
          severity: "ok",
          data: { command, expected: patternInWords(pattern) },
        }),
      ),
    ],
  };
}
