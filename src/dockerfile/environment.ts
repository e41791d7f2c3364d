import type { DfInstruction } from "./instruction.js";

/**
 * The longest value an expansion produces: `ENV A=$A$A` repeated doubles it each time, so expansions are
 * cut here (no Dockerfile of the course comes near it) instead of growing without bound.
 */
export const MAX_EXPANDED_LENGTH = 8192;

type Variables = Readonly<Record<string, string>> | ((name: string) => string | undefined);

/**
 * Expands `$NAME`, `${NAME}` and `${NAME:-default}` the way the Dockerfile frontend does in FROM, ENV,
 * EXPOSE...; unknown variables stay as written, so a message can show them. One pass over `text`; the
 * result is cut at MAX_EXPANDED_LENGTH.
 */
export function expandVariables(text: string, env: Variables): string {
  const get =
    typeof env === "function" ? env : (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
  const out = text.replace(
    /\$(?:\{(\w+)(?:(:?[-+])([^}]*))?\}|(\w+))/g,
    (whole, braced?: string, operator?: string, word?: string, bare?: string) => {
      const name = (braced ?? bare) as string;
      const value = get(name);
      if (operator?.endsWith("-"))
        return value === undefined || (operator === ":-" && value === "") ? (word ?? "") : value;
      if (operator?.endsWith("+"))
        return value === undefined || (operator === ":+" && value === "") ? "" : (word ?? "");
      return value ?? whole;
    },
  );
  return out.length > MAX_EXPANDED_LENGTH ? out.slice(0, MAX_EXPANDED_LENGTH) : out;
}

/** Every value a variable took, in step order: `index` is the step that set it. */
type History = Map<string, Array<{ index: number; value: string }>>;

interface Timeline {
  env: History;
  args: History;
  /** For each step, the index of the FROM of its stage (ARG is scoped to its stage). */
  stageStart: number[];
}

const timelines = new WeakMap<readonly DfInstruction[], Timeline>();

/**
 * One pass over the steps records every ENV and ARG value (expanded as Docker does when the step runs);
 * later questions ("what is set at step i?") are answered from it without going over the steps again.
 * Linear in the Dockerfile: copying the environment per step made a 20 KB Dockerfile cost a minute.
 */
function timeline(steps: readonly DfInstruction[]): Timeline {
  const known = timelines.get(steps);
  if (known) return known;
  const made: Timeline = { env: new Map(), args: new Map(), stageStart: [] };
  const env = new Map<string, string>();
  let args = new Map<string, string>();
  let stage = 0;
  const lookup = (name: string) => env.get(name) ?? args.get(name);
  steps.forEach((step, index) => {
    if (step.keyword === "FROM") {
      args = new Map();
      stage = index;
    }
    made.stageStart.push(stage);
    if (step.keyword !== "ENV" && step.keyword !== "ARG") return;
    for (const { name, value } of step.properties) {
      if (value === null) continue;
      const expanded = expandVariables(value, lookup);
      (step.keyword === "ENV" ? env : args).set(name, expanded);
      record(step.keyword === "ENV" ? made.env : made.args, name, index, expanded);
    }
  });
  timelines.set(steps, made);
  return made;
}

function record(history: History, name: string, index: number, value: string): void {
  const values = history.get(name);
  if (values) values.push({ index, value });
  else history.set(name, [{ index, value }]);
}

/** The last value set by a step before `index` (and, with `from`, not before step `from`). */
function valueBefore(history: History, name: string, index: number, from = 0): string | undefined {
  const values = history.get(name);
  if (!values) return undefined;
  let low = 0;
  let high = values.length; // binary search: the first value set at or after `index`
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] as { index: number }).index < index) low = mid + 1;
    else high = mid;
  }
  const last = values[low - 1];
  return last && last.index >= from ? last.value : undefined;
}

/**
 * The variables set when `steps[index]` runs, as a lookup: ENV of every earlier step of the image (and,
 * with `buildArgs`, the ARG defaults of the same stage, which RUN sees too). ENV wins over ARG, as in Docker.
 */
export function variablesAt(
  steps: readonly DfInstruction[],
  index: number,
  options: { buildArgs?: boolean } = {},
): (name: string) => string | undefined {
  const t = timeline(steps);
  const stage = t.stageStart[Math.min(index, steps.length - 1)] ?? 0;
  return (name) =>
    valueBefore(t.env, name, index) ??
    (options.buildArgs ? valueBefore(t.args, name, index, stage) : undefined);
}

/** The same as `variablesAt`, as a plain record of every variable set. */
export function environmentAt(
  steps: readonly DfInstruction[],
  index: number,
  options: { buildArgs?: boolean } = {},
): Record<string, string> {
  const t = timeline(steps);
  const lookup = variablesAt(steps, index, options);
  const names = options.buildArgs ? [...t.args.keys(), ...t.env.keys()] : [...t.env.keys()];
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = lookup(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Every ENV of the image, as the container starts with it (`docker inspect` → Config.Env). */
export function imageEnvironment(steps: readonly DfInstruction[]): Record<string, string> {
  return environmentAt(steps, steps.length);
}
