import type { TSchema } from "@sinclair/typebox";
import { displayPath } from "./format.js";
import type { CheckSpec, StepSpec } from "./schema.js";
import { schemaProblems } from "./validate-schema.js";
import { fieldName, type Problem, positionOf, type YamlFile } from "./yaml-file.js";

/**
 * What a rubric needs to know of the graders it names: their ids and the schema of their parameters (the
 * grader registry is one).
 */
export type GraderSchemas = ReadonlyMap<string, { readonly params: TSchema }>;

export interface ParsedStep {
  yaml: YamlFile;
  spec: StepSpec;
}

/** Rules that look across fields and files, run once every file has passed its schema. */
export function crossFieldProblems(
  assignment: { yaml: YamlFile; totalPoints: number },
  steps: ParsedStep[],
  registry: GraderSchemas,
): Problem[] {
  const problems: Problem[] = [];
  const at = (
    yaml: YamlFile,
    path: Array<string | number>,
    rest: Omit<Problem, "file" | "line" | "column" | "field">,
  ) => {
    problems.push({ file: yaml.file, ...positionOf(yaml, path), field: fieldName(path), ...rest });
  };
  const checkOrigin = new Map<string, { yaml: YamlFile; index: number; check: CheckSpec }>();
  const stepOrigin = new Map<string, string>();

  for (const { yaml, spec } of steps) {
    const first = stepOrigin.get(spec.id);
    if (first) at(yaml, ["id"], { messageId: "duplicateStep", data: { id: spec.id, first } });
    else stepOrigin.set(spec.id, displayPath(yaml.file));

    spec.checks.forEach((check, index) => {
      const previous = checkOrigin.get(check.id);
      if (previous) {
        const pos = positionOf(previous.yaml, ["checks", previous.index, "id"]);
        const firstAt = `${displayPath(previous.yaml.file)}:${pos.line}:${pos.column}`;
        at(yaml, ["checks", index, "id"], {
          messageId: "duplicateCheck",
          data: { id: check.id, first: firstAt },
        });
      } else {
        checkOrigin.set(check.id, { yaml, index, check });
      }
      const grader = registry.get(check.grader);
      if (!grader) {
        const known = [...registry.keys()];
        const near = closest(check.grader, known);
        at(yaml, ["checks", index, "grader"], {
          messageId: "unknownGrader",
          data: {
            grader: check.grader,
            suggestion: near ?? "",
            known: known.join(", "),
          },
        });
      } else {
        // Grader parameters are checked here, with positions, and their defaults filled in.
        check.params ??= {};
        problems.push(
          ...schemaProblems(yaml, grader.params, check.params, ["checks", index, "params"], true),
        );
      }
    });
    const sum = round(spec.checks.reduce((total, check) => total + check.points, 0));
    if (sum !== round(spec.points)) {
      at(yaml, ["points"], { messageId: "stepTotal", data: { step: spec.id, declared: spec.points, sum } });
    }
  }

  for (const { yaml, spec } of steps) {
    spec.checks.forEach((check, index) => {
      (check.needs ?? []).forEach((need, j) => {
        if (need === check.id) {
          at(yaml, ["checks", index, "needs", j], { messageId: "selfNeed", data: { id: check.id } });
        } else if (!checkOrigin.has(need)) {
          const near = closest(need, [...checkOrigin.keys()]);
          at(yaml, ["checks", index, "needs", j], {
            messageId: "unknownNeed",
            data: { need, suggestion: near ?? "" },
          });
        }
      });
    });
  }

  for (const cycle of findCycles(checkOrigin)) {
    const origin = checkOrigin.get(cycle[0] ?? "");
    if (origin)
      at(origin.yaml, ["checks", origin.index, "needs"], {
        messageId: "cycle",
        data: { cycle: cycle.join(" -> ") },
      });
  }

  const total = round(steps.reduce((sum, step) => sum + step.spec.points, 0));
  if (total !== round(assignment.totalPoints)) {
    at(assignment.yaml, ["totalPoints"], {
      messageId: "rubricTotal",
      data: { declared: assignment.totalPoints, sum: total },
    });
  }
  return problems;
}

/** Each dependency cycle once, as the list of check ids that form it (first id repeated at the end). */
function findCycles(checks: Map<string, { check: CheckSpec }>): string[][] {
  const state = new Map<string, "active" | "done">();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, "active");
    stack.push(id);
    for (const need of checks.get(id)?.check.needs ?? []) {
      if (!checks.has(need) || need === id) continue;
      if (state.get(need) === "active") cycles.push([...stack.slice(stack.indexOf(need)), need]);
      else if (!state.has(need)) visit(need);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of checks.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** The known name nearest to a typo, when it is near enough to be a likely intent. */
function closest(name: string, known: string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = levenshtein(name, word);
    if (distance <= Math.max(2, Math.floor(word.length / 3)) && (!best || distance < best.distance)) {
      best = { word, distance };
    }
  }
  return best?.word;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

const round = (n: number) => Math.round(n * 100) / 100;
