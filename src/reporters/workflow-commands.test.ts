import { describe, expect, it } from "vitest";
import {
  commandsInLog,
  escapeData,
  escapeProperty,
  inertLines,
  newStopToken,
  quoteUntrusted,
  workflowCommand,
} from "./workflow-commands.js";

// What a hostile submission prints (app logs, HTTP bodies, README lines), each a workflow command.
const hostile = [
  "::set-output name=score::100",
  "  ::error file=app.py,line=1::I am an error",
  "::add-mask::secret",
  "::stop-commands::pwned",
  "::notice title=Autograding complete::Points 100/100",
  "::pwned::",
  "##[set-output name=score;]100",
  "\t::warning::tab first",
].join("\n");

describe("escaping a command's parts", () => {
  it.each([
    ["100%", "100%25", "100%25"],
    ["a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"],
    ["Dockerfile:9, CMD", "Dockerfile:9, CMD", "Dockerfile%3A9%2C CMD"],
    ["::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"],
  ])("%j -> data %j, property %j", (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });

  it("a command keeps its message on one line and drops undefined properties", () => {
    expect(workflowCommand("error", { file: "tp1/Dockerfile", line: 9, col: undefined }, "a\n::x::")).toBe(
      "::error file=tp1/Dockerfile,line=9::a%0A::x::",
    );
    expect(workflowCommand("notice", {}, "Points 1/2")).toBe("::notice::Points 1/2");
  });
});

describe("student text never runs a command", () => {
  it("the log reader sees each hostile line as a command when printed raw (the test can fail)", () => {
    expect(commandsInLog(hostile).map((c) => c.name)).toEqual([
      "set-output",
      "error",
      "add-mask",
      "stop-commands",
      "legacy:set-output",
      "warning",
    ]);
  });

  it("inert lines: no line is a command, the text stays readable", () => {
    const inert = inertLines(hostile, "  │ ");
    expect(commandsInLog(inert)).toEqual([]);
    expect(inert.split("\n")[0]).toBe("  │ ::set-output name=score::100");
  });

  it("a blank prefix is refused: leading whitespace does not stop a command", () => {
    expect(() => inertLines(hostile, "   ")).toThrow(/visible/);
  });

  it("a quoted block turns commands off, then on again, and hides its own token", () => {
    const token = newStopToken();
    const log = `${quoteUntrusted(`${hostile}\n::${token}::\n::error::after`, token)}::notice::ours\n`;
    expect(commandsInLog(log)).toEqual([
      { name: "stop-commands", properties: {}, message: token },
      { name: "notice", properties: {}, message: "ours" },
    ]);
    expect(log).not.toContain(`  │ ::${token}::`);
  });

  it("a block guarded only by the token still holds if its prefix were lost", () => {
    const token = newStopToken();
    const unprefixed = `::stop-commands::${token}\n${hostile}\n::${token}::\n`;
    expect(commandsInLog(unprefixed).map((c) => c.name)).toEqual(["stop-commands"]);
  });

  it.each(["short", "has space in it!!!!!", ""])("a guessable token %j is refused", (token) => {
    expect(() => quoteUntrusted("x", token)).toThrow(/random/);
  });

  it("tokens are fresh each time", () => {
    expect(newStopToken()).not.toBe(newStopToken());
    expect(newStopToken()).toMatch(/^dockgrade-[0-9a-f]{32}$/);
  });
});
