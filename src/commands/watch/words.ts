import type { Lang } from "../../i18n/text.js";

/** What the watch loop says, in both languages. */
export const watchWords = {
  watching: (lang: Lang, dir: string) =>
    lang === "fr"
      ? `En attente de modifications dans ${dir} : chaque enregistrement relance la correction de ce qui a changé (Ctrl-C pour arrêter).`
      : `Watching ${dir}: every save grades again what it changed (Ctrl-C to stop).`,
  regrading: (lang: Lang, files: string[], checks: number) => {
    const shown = files.length > 3 ? `${files.slice(0, 3).join(", ")}…` : files.join(", ");
    return lang === "fr"
      ? `Modifié : ${shown || "la structure du dépôt"} — ${checks} vérification(s) à refaire`
      : `Changed: ${shown || "the repository's layout"} — ${checks} check(s) to grade again`;
  },
  fixAndSave: (lang: Lang) =>
    lang === "fr"
      ? "Corrigez cela et enregistrez : la correction reprendra."
      : "Fix that and save: grading will resume.",
  runFailed: (lang: Lang, cause: string) =>
    lang === "fr"
      ? `Ce passage n'a pas pu aller au bout (${cause}) ; enregistrez de nouveau pour réessayer.`
      : `This run could not finish (${cause}); save again to retry.`,
};
