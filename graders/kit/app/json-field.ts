// Reading a field of a JSON answer, for the expectations of http and volume.

/**
 * The value a route served: the JSON field at `field` (dotted path) as text, or the whole body, trimmed,
 * when `field` is empty. Undefined when the body is not JSON or lacks the field.
 */
export function servedValue(body: string, field: string): string | undefined {
  if (field === "") return body.trim();
  const parsed = parseJson(body);
  if (!parsed.ok) return undefined;
  const at = fieldAt(parsed.value, field);
  if (!at.found) return undefined;
  return typeof at.value === "string" ? at.value.trim() : JSON.stringify(at.value);
}

export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

export function fieldAt(value: unknown, path: string): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const key of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(key) && Number(key) < current.length)
      current = current[Number(key)];
    else if (isObject(current) && Object.hasOwn(current, key)) current = current[key];
    else return { found: false };
  }
  return { found: true, value: current };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function isEmpty(value: unknown): boolean {
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return value === null;
}
