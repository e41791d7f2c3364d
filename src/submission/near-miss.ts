/** Lower case, without spaces, dashes or underscores: `Docker file`, `docker-file`, `DockerFile` all agree. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

/** At most one letter added, dropped, changed or two swapped (`requirments.txt`, `Dockefile`). */
function oneTypo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  if (a.length === b.length)
    return rest(1, 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? rest(1, 0) : rest(0, 1);
}

/**
 * A file that is almost certainly the wanted one under a wrong name: `dockerfile`, `Docker file`,
 * `Dockerfile.txt` (Windows hides the extension), `DockerFile`, and for names of 8 letters or more one
 * typo (`requirments.txt`). Names differing only by case come first, then the others in listing order.
 */
export function nearMissName(wanted: string, names: readonly string[]): string | undefined {
  const target = squash(wanted);
  const candidates = names.filter((name) => {
    if (name === wanted) return false;
    const squashed = squash(name);
    return (
      squashed === target ||
      squashed.startsWith(`${target}.`) ||
      (target.length >= 8 && oneTypo(squashed, target))
    );
  });
  if (names.includes(wanted)) return undefined;
  return candidates.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? candidates[0];
}
