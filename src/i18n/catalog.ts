import { type Bilingual, interpolate, type Lang, type MessageData } from "./text.js";

/** A message table: id -> template in both languages. Graders and the engine each declare one. */
export type MessageCatalog = Record<string, Bilingual>;

/** Renders message `id` of `catalog` in `lang`; an unknown id is a programming error, so it throws. */
export function renderMessage(catalog: MessageCatalog, id: string, lang: Lang, data?: MessageData): string {
  const entry = catalog[id];
  if (!entry) throw new Error(`unknown message id "${id}"`);
  return interpolate(entry[lang], data);
}

/** Data for `renderBoth`: a value may itself be in both languages (a reason, a title). */
export type BothData = Record<string, MessageData[string] | Bilingual>;

/** Message `id` of `catalog` in both languages, for a line whose reader's language is chosen later. */
export function renderBoth(catalog: MessageCatalog, id: string, data: BothData = {}): Bilingual {
  const pick = (lang: Lang): MessageData =>
    Object.fromEntries(
      Object.entries(data).map(([key, value]) => [key, typeof value === "object" ? value[lang] : value]),
    );
  return {
    fr: renderMessage(catalog, id, "fr", pick("fr")),
    en: renderMessage(catalog, id, "en", pick("en")),
  };
}
