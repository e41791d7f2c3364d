import { type Bilingual, interpolate, type Lang, type MessageData } from "./text.js";

/** A message table: id -> template in both languages. Graders and the engine each declare one. */
export type MessageCatalog = Record<string, Bilingual>;

/** Renders message `id` of `catalog` in `lang`; an unknown id is a programming error, so it throws. */
export function renderMessage(catalog: MessageCatalog, id: string, lang: Lang, data?: MessageData): string {
  const entry = catalog[id];
  if (!entry) throw new Error(`unknown message id "${id}"`);
  return interpolate(entry[lang], data);
}
