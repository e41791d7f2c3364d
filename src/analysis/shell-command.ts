import { parse } from "shell-quote";

/** One simple command of a shell script: `A=1 exec gunicorn -b :5000 app:app` (no operators, no redirects). */
export interface SimpleCommand {
  /** The words, quotes removed and known variables expanded. */
  argv: string[];
  /** `NAME=value` words written before the command: they set its environment only. */
  assignments: Record<string, string>;
}

/** Operators that end one simple command and start the next. */
const SEPARATORS = new Set(["&&", "||", ";", ";;", "|", "|&", "&", "(", ")"]);
const REDIRECTS = new Set([">", ">>", "<", ">&", "<&", "<>", ">|", "<<", "<<<"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * Splits a POSIX shell script (the string given to `sh -c`) into its simple commands, with shell-quote
 * doing the quoting rules. Variables known in `env` are expanded, `${NAME:-default}` falls back to its
 * default, and unknown ones stay visible as `$NAME` so a message can show what was written.
 */
export function splitShellScript(
  script: string,
  env: Readonly<Record<string, string>> = {},
): SimpleCommand[] {
  const entries = parse(script, (name) => expandVariable(name, env));
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  const flush = () => {
    if (words.length > 0) commands.push(toSimpleCommand(words));
    words = [];
  };
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === "string") {
      words.push(entry);
      continue;
    }
    if (entry === undefined || "comment" in entry) break;
    if (entry.op === "glob") {
      words.push((entry as { pattern: string }).pattern);
      continue;
    }
    if (SEPARATORS.has(entry.op)) {
      flush();
      continue;
    }
    if (REDIRECTS.has(entry.op)) {
      // `2>&1`: shell-quote leaves the descriptor number as a word before the operator.
      if (/^\d+$/.test(words.at(-1) ?? "") && words.length > 1) words.pop();
      i++; // the redirect's target
    }
  }
  flush();
  return commands;
}

function toSimpleCommand(words: string[]): SimpleCommand {
  const assignments: Record<string, string> = {};
  let start = 0;
  for (; start < words.length; start++) {
    const match = ASSIGNMENT.exec(words[start] as string);
    if (!match) break;
    assignments[match[1] as string] = match[2] as string;
  }
  return { argv: words.slice(start), assignments };
}

/** `NAME`, `NAME:-default`, `NAME-default` as shell-quote hands them over (braces already removed). */
function expandVariable(name: string, env: Readonly<Record<string, string>>): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)(.*)$/s.exec(name);
  if (match) {
    const [, variable, operator, fallback] = match as unknown as [string, string, string, string];
    const value = env[variable];
    if (value === undefined || (operator === ":-" && value === "")) return fallback;
    return value;
  }
  return env[name] ?? (/^\w+$/.test(name) ? `$${name}` : `\${${name}}`);
}

/** True for `sh`, `/bin/sh`, `bash`, `/usr/bin/dash`...: the shells a container may run a `-c` script with. */
export function isShell(program: string | undefined): boolean {
  return program !== undefined && /^(ba|da|a|z)?sh$/.test(basename(program));
}

/**
 * When `argv` runs a script through a shell (`sh -c "script"`, `bash -lc "script"`), the script; otherwise
 * undefined. Words after the script become `$0`, `$1`... and are not part of the command.
 */
export function shellScript(argv: readonly string[]): string | undefined {
  if (!isShell(argv[0])) return undefined;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as string;
    if (/^-[a-z]*c[a-z]*$/.test(word)) return argv[i + 1] ?? "";
    if (!word.startsWith("-")) return undefined;
  }
  return undefined;
}

export function basename(program: string): string {
  return program.slice(program.lastIndexOf("/") + 1);
}
