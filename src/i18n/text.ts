/** The two languages every user-facing text exists in. */
export const LANGS = ["fr", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** A text in both languages. Rubric authors may also write one plain string used for both. */
export interface Bilingual {
  fr: string;
  en: string;
}
export type LocalText = string | Partial<Bilingual>;

/**
 * Where the harness says what it is doing (`--verbose`): each line in both languages, the CLI printing the
 * user's. Never part of a report.
 */
export type Trace = (line: Bilingual) => void;

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** Picks the text for `lang`, falling back to the other language rather than showing nothing. */
export function localize(text: LocalText | undefined, lang: Lang): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text[lang === "fr" ? "en" : "fr"] ?? "";
}

export type MessageData = Record<string, string | number | boolean | undefined>;

/** Fills `{name}` placeholders; an unknown placeholder is left visible so a missing value is noticed. */
export function interpolate(template: string, data: MessageData = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks the language from an explicit option, then LANG/LC_ALL, then French (the course's language). */
export function detectLang(explicit?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (isLang(explicit)) return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("en") ? "en" : "fr";
}
