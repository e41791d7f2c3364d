/** Names the class output folder uses for itself. */
const RESERVED = ["grades.csv", "summary.json", "index.html", "batch.json"];

/**
 * Folder names for a class, one per student, from their roster identifiers: safe on every filesystem
 * (letters, digits, `.`, `_`, `-`), never hidden, never colliding — even on case-insensitive disks, where
 * `Alice` and `alice` are the same folder: the later one gets `-2`, `-3`…
 * The class's own output files (grades.csv…) are never a student's folder.
 */
export function uniqueIds(names: string[]): string[] {
  const taken = new Set<string>(RESERVED);
  return names.map((name) => {
    const base = safeName(name);
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    taken.add(id.toLowerCase());
    return id;
  });
}

export function safeName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._-]+/, "")
    .slice(0, 80);
  return cleaned || "student";
}
