import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang, MessageData } from "../i18n/text.js";

/** What the commands themselves say around a report (the report's own texts are the graders'). */
export const commandMessages = {
  unusableRubric: {
    en: "unusable rubric: {dir} (see above; `dockgrade rubric lint` checks it)",
    fr: "barème inutilisable : {dir} (voir ci-dessus ; `dockgrade rubric lint` le vérifie)",
  },
  reportWritten: { en: "report written: {file}", fr: "rapport écrit : {file}" },
  belowMinScore: {
    en: "score {score} is below the required minimum ({min})",
    fr: "score {score} inférieur au minimum demandé ({min})",
  },
  lintProblems: { en: "{count} problem(s) in the rubric.", fr: "{count} problème(s) dans le barème." },
  lintValid: {
    en: "{dir}: rubric is valid ({steps} steps, {checks} checks, {points} points).",
    fr: "{dir} : barème valide ({steps} étapes, {checks} vérifications, {points} points).",
  },
} satisfies MessageCatalog;

export function commandText(lang: Lang, id: keyof typeof commandMessages, data?: MessageData): string {
  return renderMessage(commandMessages, id, lang, data);
}
