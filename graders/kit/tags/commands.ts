import { basename, splitShellScript } from "../../../src/analysis/shell-command.js";

/** A `docker build`, `docker tag` or `docker rmi` the student documented, with where it was written. */
export interface DockerCommand {
  kind: "build" | "tag" | "rmi";
  /** build: its `-t` references; tag: `[source, target]`; rmi: the removed references. */
  refs: string[];
  /** The command as written (prompt and line continuations removed). */
  text: string;
  file: string;
  line: number;
}

export interface CommandSource {
  /** Repository-relative path, for findings. */
  file: string;
  text: string;
  /** Line of `text`'s first line in the file (a code block's content starts after its fence). */
  firstLine: number;
  /** Makefile syntax: `NAME := value` assignments, `$(NAME)` references, recipe prefixes `@` and `-`. */
  makefile?: boolean;
}

// A shell prompt before the command: `$ `, `> `, `PS C:\tp> `, `etudiant@pc:~/quotegen$ `, `(.venv) $ `.
const PROMPT = /^\s*(?:\([\w.-]+\)\s*)?(?:\$|>|PS [^>]*>|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#])\s+/;
const MAKE_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?|:{1,3}|\+)?=\s*(.*)$/;
// Global options of the docker CLI that take a value (`docker --context x build ...`).
const GLOBAL_VALUE = new Set(["-H", "--host", "-c", "--context", "--config", "-l", "--log-level"]);
const RMI_FLAGS = new Set(["-f", "--force", "--no-prune"]);

/**
 * The docker commands of a script, code block or Makefile, in order. The harness never runs them: it
 * reads them as a shell would (quotes, `&&`, `\` continuations, variables set earlier in the same
 * source), so it can tell which tags they give.
 */
export function extractDockerCommands(source: CommandSource): DockerCommand[] {
  const env: Record<string, string> = {};
  const out: DockerCommand[] = [];
  for (const { line, text } of logicalLines(source.text, source.firstLine)) {
    let command = text.replace(PROMPT, "");
    if (source.makefile) {
      command = command.replace(/\$\(([A-Za-z_]\w*)\)/g, "$${$1}");
      const assignment = /^\s/.test(text) ? null : MAKE_ASSIGNMENT.exec(command.trim());
      if (assignment) {
        env[assignment[1] as string] = expand(assignment[2] as string, env);
        continue;
      }
      command = command.trim().replace(/^[@-]+/, "");
    }
    if (!/\bdocker\b|=/.test(command)) continue;
    let parsed: ReturnType<typeof splitShellScript>;
    try {
      parsed = splitShellScript(command, env);
    } catch {
      continue; // not shell (pasted output with stray quotes): nothing to read
    }
    for (const simple of parsed) {
      const argv = simple.argv[0] === "sudo" ? simple.argv.slice(1) : simple.argv;
      if (argv.length === 0 || argv[0] === "export") {
        Object.assign(env, simple.assignments);
        for (const word of argv.slice(1)) {
          const eq = word.indexOf("=");
          if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1);
        }
        continue;
      }
      const docker = readDocker(argv);
      if (docker) out.push({ ...docker, text: argv.join(" "), file: source.file, line });
    }
  }
  return out;
}

/** Lines with their continuations (`\` in shells, `` ` `` in PowerShell) joined, numbered from `first`. */
function logicalLines(text: string, first: number): Array<{ line: number; text: string }> {
  const lines = text.split(/\r?\n/);
  const out: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = lines[i] as string;
    while (/[\\`]\s*$/.test(joined) && i + 1 < lines.length) {
      joined = `${joined.replace(/[\\`]\s*$/, "")} ${(lines[++i] as string).trim()}`;
    }
    out.push({ line: first + start, text: joined });
  }
  return out;
}

function expand(value: string, env: Record<string, string>): string {
  return value
    .replace(/\$\{([A-Za-z_]\w*)\}|\$\(([A-Za-z_]\w*)\)/g, (whole, a, b) => env[a ?? b] ?? whole)
    .trim();
}

/** Reads `docker [global options] build|tag|rmi ...` (and `docker image ...`, `docker buildx build`). */
function readDocker(argv: readonly string[]): Omit<DockerCommand, "text" | "file" | "line"> | undefined {
  if (!/^(docker|podman)(\.exe)?$/.test(basename(argv[0] ?? ""))) return undefined;
  let i = 1;
  while (i < argv.length && (argv[i] as string).startsWith("-"))
    i += GLOBAL_VALUE.has(argv[i] as string) ? 2 : 1;
  let words = argv.slice(i);
  if (words[0] === "image" || words[0] === "buildx" || words[0] === "builder") words = words.slice(1);
  const [sub, ...args] = words;
  if (sub === "build") return { kind: "build", refs: buildTags(args) };
  if (sub === "tag") {
    const positional = args.filter((a) => !a.startsWith("-"));
    return positional.length >= 2 ? { kind: "tag", refs: positional.slice(0, 2) } : undefined;
  }
  if (sub === "rmi" || sub === "rm" || sub === "remove") {
    if (sub !== "rmi" && argv.slice(i)[0] !== "image") return undefined; // `docker rm` removes containers
    return { kind: "rmi", refs: args.filter((a) => !RMI_FLAGS.has(a) && !a.startsWith("-")) };
  }
  return undefined;
}

/** Every `-t X`, `-tX`, `--tag X`, `--tag=X` of a build. */
function buildTags(args: readonly string[]): string[] {
  const tags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "-t" || word === "--tag") {
      const value = args[++i];
      if (value !== undefined) tags.push(value);
    } else if (word.startsWith("--tag=")) tags.push(word.slice("--tag=".length));
    else if (/^-t[^-]/.test(word)) tags.push(word.slice(2).replace(/^=/, ""));
  }
  return tags;
}
