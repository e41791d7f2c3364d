import { describe, expect, it } from "vitest";
import { environmentAt, expandVariables, MAX_EXPANDED_LENGTH, variablesAt } from "./environment.js";
import { countInstructionLines, MAX_INSTRUCTIONS, type ParsedDockerfile, parseDockerfile } from "./parse.js";

function parsed(text: string): ParsedDockerfile {
  const result = parseDockerfile(text);
  if (!result.ok) throw new Error(`unreadable: ${JSON.stringify(result.problem)}`);
  return result.dockerfile;
}

describe("Dockerfile variables, answered from one pass", () => {
  const df = parsed(
    "ARG G=g\nFROM x AS a\nARG P=1\nENV Q=$P R=${S:-d}\nEXPOSE $Q\nFROM a\nARG T=2\nENV Q=${Q}${T}\nRUN echo\n",
  );
  it.each([
    // index, buildArgs, name, value
    [3, true, "P", "1"],
    [3, false, "P", undefined],
    [3, false, "Q", "1"],
    [3, false, "R", "d"],
    [6, true, "P", undefined], // ARG is scoped to its stage
    [7, true, "Q", "12"],
    [5, false, "Q", "1"], // ENV crosses into the stage built FROM it
    [1, true, "G", undefined], // global ARG: only FROM sees it
  ])("step %i (build args %s): %s = %s", (index, buildArgs, name, value) => {
    expect(variablesAt(df.steps, index, { buildArgs })(name)).toBe(value);
  });

  it("lists the same variables as a record", () => {
    expect(environmentAt(df.steps, 7, { buildArgs: true })).toEqual({ T: "2", Q: "12", R: "d" });
  });

  it("does not read inherited object properties as variables", () => {
    expect(expandVariables("$constructor ${toString:-x}", {})).toBe("$constructor x");
  });

  it("cuts a doubling expansion instead of growing it", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `ENV A${i + 1}=$A${i}$A${i}`);
    const big = parsed(`FROM x\nENV A0=ab\n${lines.join("\n")}\nRUN x\n`);
    const value = variablesAt(big.steps, big.steps.length - 1)("A60") as string;
    expect(value.length).toBe(MAX_EXPANDED_LENGTH);
  });

  it("answers hundreds of EXPOSE over hundreds of ENV in linear time", () => {
    const envs = Array.from({ length: 190 }, (_, i) => `ENV V${i}=$V${Math.max(0, i - 1)}x W${i}=1`);
    const exposes = Array.from({ length: 190 }, (_, i) => `EXPOSE \${V${i}}`);
    const big = parsed(`FROM x\n${envs.join("\n")}\n${exposes.join("\n")}\n`);
    const started = process.cpuUsage();
    let total = 0;
    for (let i = 0; i < big.steps.length; i++) total += Object.keys(environmentAt(big.steps, i)).length;
    const used = process.cpuUsage(started);
    expect(total).toBeGreaterThan(0);
    expect((used.user + used.system) / 1e6).toBeLessThan(2);
  });
});

describe("the instruction cap", () => {
  it.each([
    ["FROM x\nRUN a \\\n  && b\n# ENV not\nenv lower=1\n", 3],
    ["FROM x\nRUN echo\nFROMAGE\n  EXPOSE 1\n", 3],
  ])("counts instruction lines in %j", (text, count) => {
    expect(countInstructionLines(text)).toBe(count);
  });

  it("refuses a Dockerfile of thousands of instructions before parsing it", () => {
    const text = `FROM x\n${"EXPOSE 5000\n".repeat(2000)}`;
    expect(parseDockerfile(text)).toEqual({
      ok: false,
      problem: { reason: "tooManyInstructions", count: 2001, max: MAX_INSTRUCTIONS },
    });
  });
});
