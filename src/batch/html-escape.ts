const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text made safe for HTML element content and quoted attribute values: the five characters that can end a
 * text or an attribute become entities, so student text (a README with `<script>`) stays inert text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/**
 * A relative link to a file of the output folder that also works from disk: each path segment is
 * percent-encoded, so no value can become a `javascript:` URL, leave the folder or break out of the attribute.
 */
export function relativeHref(path: string): string {
  return path
    .split(/[\\/]/)
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
