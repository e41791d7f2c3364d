/** A JSON array as people write it in a Dockerfile: `["gunicorn", "--bind", "0.0.0.0:5000", "app:app"]`. */
export function jsonForm(argv: readonly string[]): string {
  return `[${argv.map((word) => JSON.stringify(word)).join(", ")}]`;
}
