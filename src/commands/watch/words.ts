import { type MessageCatalog, renderMessage } from "../../i18n/catalog.js";
import type { Lang } from "../../i18n/text.js";

/** What the watch loop says, in both languages. */
export const watchMessages = {
  watching: {
    en: "Watching {dir}: every save grades again what it changed (Ctrl-C to stop).",
    fr: "En attente de modifications dans {dir} : chaque enregistrement relance la correction de ce qui a changé (Ctrl-C pour arrêter).",
  },
  regrading: {
    en: "Changed: {files} — {checks} check(s) to grade again",
    fr: "Modifié : {files} — {checks} vérification(s) à refaire",
  },
  layoutChanged: { en: "the repository's layout", fr: "la structure du dépôt" },
  fixAndSave: {
    en: "Fix that and save: grading will resume.",
    fr: "Corrigez cela et enregistrez : la correction reprendra.",
  },
  runFailed: {
    en: "This run could not finish ({cause}); save again to retry.",
    fr: "Ce passage n'a pas pu aller au bout ({cause}) ; enregistrez de nouveau pour réessayer.",
  },
} satisfies MessageCatalog;

const say = (lang: Lang, id: keyof typeof watchMessages, data?: Record<string, string | number>) =>
  renderMessage(watchMessages, id, lang, data);

/** What the watch loop says, in both languages. */
export const watchWords = {
  watching: (lang: Lang, dir: string) => say(lang, "watching", { dir }),
  regrading: (lang: Lang, files: string[], checks: number) => {
    const shown = files.length > 3 ? `${files.slice(0, 3).join(", ")}…` : files.join(", ");
    return say(lang, "regrading", { files: shown || say(lang, "layoutChanged"), checks });
  },
  fixAndSave: (lang: Lang) => say(lang, "fixAndSave"),
  runFailed: (lang: Lang, cause: string) => say(lang, "runFailed", { cause }),
};
