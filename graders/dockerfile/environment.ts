import type { DfInstruction } from "./parse.js";

/**
 * Expands `$NAME`, `${NAME}` and `${NAME:-default}` the way the Dockerfile frontend does in FROM, ENV,
 * EXPOSE...; unknown variables stay as written, so a message can show them.
 */
export function expandVariables(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$(?:\{(\w+)(?:(:?[-+])([^}]*))?\}|(\w+))/g,
    (whole, braced?: string, operator?: string, word?: string, bare?: string) => {
      const name = (braced ?? bare) as string;
      const value = env[name];
      if (operator?.endsWith("-"))
        return value === undefined || (operator === ":-" && value === "") ? (word ?? "") : value;
      if (operator?.endsWith("+"))
        return value === undefined || (operator === ":+" && value === "") ? "" : (word ?? "");
      return value ?? whole;
    },
  );
}

/**
 * The variables set when `steps[index]` runs: ENV of every earlier step of the image (and, with
 * `buildArgs`, the ARG defaults of the same stage, which RUN sees too). ENV wins over ARG, as in Docker.
 */
export function environmentAt(
  steps: readonly DfInstruction[],
  index: number,
  options: { buildArgs?: boolean } = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  let args: Record<string, string> = {};
  for (const step of steps.slice(0, index)) {
    if (step.keyword === "FROM") args = {}; // ARG is scoped to its stage
    for (const { name, value } of step.properties) {
      if (value === null) continue;
      if (step.keyword === "ENV") env[name] = expandVariables(value, { ...args, ...env });
      else if (step.keyword === "ARG") args[name] = expandVariables(value, { ...args, ...env });
    }
  }
  return options.buildArgs ? { ...args, ...env } : env;
}

/** Every ENV of the image, as the container starts with it (`docker inspect` → Config.Env). */
export function imageEnvironment(steps: readonly DfInstruction[]): Record<string, string> {
  return environmentAt(steps, steps.length);
}
