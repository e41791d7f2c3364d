/** Lower case, without spaces, dashes or underscores: `Docker file`, `docker-file`, `DockerFile` all agree. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/**
 * A file that is almost certainly the wanted one under a wrong name: `dockerfile`, `Docker file`,
 * `Dockerfile.txt` (Windows hides the extension), `DockerFile`. Names differing only by case come first.
 */
export function nearMissName(wanted: string, names: readonly string[]): string | undefined {
  const target = squash(wanted);
  const candidates = names.filter((name) => {
    if (name === wanted) return false;
    const squashed = squash(name);
    return squashed === target || squashed.startsWith(`${target}.`);
  });
  return candidates.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? candidates[0];
}
