/** The non-blank lines of a quotes file, trimmed, as the app is expected to serve them. */
export function linesOf(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  );
}

/** A body or value on one line, cut, for a message. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty)";
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
