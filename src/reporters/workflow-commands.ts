/**
 * GitHub Actions workflow commands, written safely. The runner reads a log line as a command when, after
 * leading whitespace, it starts with `::` (or holds a legacy `##[`); `::stop-commands::TOKEN` turns that
 * off until a line `::TOKEN::`. Text that comes from a student (README excerpts, build and container
 * logs, HTTP bodies) goes through `quoteUntrusted` or `inertLines`, never straight to the log.
 */

/** A command's message: `%`, CR and LF escaped as GitHub's toolkit does, so it stays on one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A command's property value (`file=`, `title=`): also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::name key=value,...::message`, every part escaped; properties left undefined are dropped. */
export function workflowCommand(
  name: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/**
 * Lines that can never be read as a command: each line gets `prefix` (which must not be blank) before
 * it, and the legacy `##[` marker is broken by an invisible character. The text stays readable.
 */
export function inertLines(text: string, prefix: string): string {
  if (prefix.trim() === "") throw new Error("inertLines: the prefix must hold a visible character");
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `${prefix}${line.replace(/##\[/g, "#\u200b#[")}`)
    .join("\n");
}

/**
 * A block printed with workflow commands off: `::stop-commands::TOKEN`, the text (made inert too, in
 * case the block is ever printed without its guard), then `::TOKEN::`. The token must be random and
 * unknown to the student (`newStopToken`), and must not occur in the text.
 */
export function quoteUntrusted(text: string, token: string, prefix = "  │ "): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token)) throw new Error("quoteUntrusted: the token must be random");
  return `::stop-commands::${token}\n${inertLines(text.replaceAll(token, "•••"), prefix)}\n::${token}::\n`;
}

/** A fresh random token for `::stop-commands::` (and masked with `::add-mask::` by the caller). */
export function newStopToken(): string {
  return `dockgrade-${crypto.randomUUID().replace(/-/g, "")}`;
}

/**
 * The workflow commands a runner would execute in `log`, in order, honouring `::stop-commands::`: used by
 * tests to see the log as GitHub does. Commands are returned as `{ name, properties, message }`.
 */
export function commandsInLog(
  log: string,
): Array<{ name: string; properties: Record<string, string>; message: string }> {
  const out: Array<{ name: string; properties: Record<string, string>; message: string }> = [];
  let stoppedUntil: string | undefined;
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stoppedUntil !== undefined) {
      if (line.trimEnd() === `::${stoppedUntil}::`) stoppedUntil = undefined;
      continue;
    }
    const legacy = line.match(/##\[([a-z-]+)[^\]]*\]/);
    if (legacy) out.push({ name: `legacy:${legacy[1]}`, properties: {}, message: "" });
    const match = line.match(/^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/);
    if (!match) continue;
    const [, name = "", rawProps = "", message = ""] = match;
    const properties = Object.fromEntries(
      rawProps
        .split(",")
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf("=");
          return [pair.slice(0, at), unescapeCommand(pair.slice(at + 1))];
        }),
    );
    out.push({ name, properties, message: unescapeCommand(message) });
    if (name === "stop-commands") stoppedUntil = message;
  }
  return out;
}

function unescapeCommand(text: string): string {
  return text
    .replace(/%0D/g, "\r")
    .replace(/%0A/g, "\n")
    .replace(/%3A/g, ":")
    .replace(/%2C/g, ",")
    .replace(/%25/g, "%");
}
