import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang, MessageData } from "../i18n/text.js";

/** What `dockgrade batch` and `dockgrade merge` say about the class and its submissions. */
export const batchMessages = {
  noRepository: {
    en: "No repository to grade: this roster entry has no {column} (the student has not accepted the assignment, or the roster is not linked to GitHub accounts).",
    fr: "Aucun dépôt à corriger : cette ligne de la liste de classe n'a pas de {column} (l'étudiant n'a pas accepté le devoir, ou la liste n'est pas reliée aux comptes GitHub).",
  },
  cannotRead: {
    en: "The submission could not be read: {cause}",
    fr: "Le rendu n'a pas pu être lu : {cause}",
  },
  gradingCrashed: {
    en: "Grading stopped on an internal error (a dockgrade bug, not the student's): {cause}",
    fr: "La correction s'est arrêtée sur une erreur interne (un défaut de dockgrade, pas de l'étudiant) : {cause}",
  },
  interrupted: {
    en: "The batch was interrupted before this submission was graded; run the same command again to finish it.",
    fr: "Le lot a été interrompu avant la correction de ce rendu ; relancez la même commande pour le terminer.",
  },
  rosterMissingColumn: {
    en: "{file}: the URL template uses {placeholder} but the roster has no such column (columns: {columns}).",
    fr: "{file} : le modèle d'URL utilise {placeholder} mais la liste de classe n'a pas cette colonne (colonnes : {columns}).",
  },
  rosterUnreadable: {
    en: "{file}: not a readable CSV roster ({cause}).",
    fr: "{file} : liste de classe CSV illisible ({cause}).",
  },
  listUnreadable: {
    en: "{file}: cannot be read ({cause}).",
    fr: "{file} : illisible ({cause}).",
  },
  rosterEmpty: {
    en: "{file}: no student found in it.",
    fr: "{file} : aucun étudiant trouvé dedans.",
  },
  rosterNeedsTemplate: {
    en: "--roster needs --repo, the repository URL template (for example https://github.com/ORG/lab-{github_username}.git).",
    fr: "--roster a besoin de --repo, le modèle d'URL des dépôts (par exemple https://github.com/ORG/tp-{github_username}.git).",
  },
  oneInput: {
    en: "give exactly one list of submissions: --roster (with --repo), --urls, or a folder of submissions.",
    fr: "indiquez exactement une liste de rendus : --roster (avec --repo), --urls, ou un dossier de rendus.",
  },
  noDocker: {
    en: "no Docker engine is reachable ({reason}): the class cannot be graded fairly without one. Start Docker (or set DOCKER_HOST) and run the same command again.",
    fr: "aucun moteur Docker n'est joignable ({reason}) : la classe ne peut pas être corrigée équitablement sans lui. Démarrez Docker (ou définissez DOCKER_HOST) et relancez la même commande.",
  },
  badShard: {
    en: "--shard expects I/N with 1 ≤ I ≤ N (for example 1/4), got {value}.",
    fr: "--shard attend I/N avec 1 ≤ I ≤ N (par exemple 1/4), reçu {value}.",
  },
  badDeadline: {
    en: "--deadline expects a date and time with its time zone (for example 2026-12-01T23:59:00+01:00), got {value}.",
    fr: "--deadline attend une date et une heure avec leur fuseau (par exemple 2026-12-01T23:59:00+01:00), reçu {value}.",
  },
  mergeNothing: {
    en: "{dir}: no batch output found in it (expected a batch.json written by dockgrade batch).",
    fr: "{dir} : aucun résultat de lot trouvé (un batch.json écrit par dockgrade batch était attendu).",
  },
  mergeRubric: {
    en: "{dir} was graded with another rubric or language ({found}) than {first} ({expected}): shards of one class must use the same rubric and language.",
    fr: "{dir} a été corrigé avec un autre barème ou une autre langue ({found}) que {first} ({expected}) : les parts d'une même classe doivent utiliser le même barème et la même langue.",
  },
  mergeMissing: {
    en: "no shard holds a result for {ids}; those rows are errors in the merged grades. Grade the missing shard, then merge again.",
    fr: "aucune part ne contient de résultat pour {ids} ; ces lignes sont en erreur dans les notes fusionnées. Corrigez la part manquante, puis fusionnez à nouveau.",
  },
  notGradedYet: {
    en: "Not graded: no shard holds this submission's result.",
    fr: "Non corrigé : aucune part ne contient le résultat de ce rendu.",
  },
  merged: {
    en: "{dirs} shard folders merged: {count} submissions, {graded} graded, {errors} not graded. Written: {files}",
    fr: "{dirs} dossiers de parts fusionnés : {count} rendus, {graded} corrigés, {errors} non corrigés. Écrits : {files}",
  },
  finished: {
    en: "{graded} of {count} submissions graded ({reused} unchanged and reused), {errors} not graded. Class average {mean}/{max}. Written: {files}",
    fr: "{graded} rendus corrigés sur {count} ({reused} inchangés et repris), {errors} non corrigés. Moyenne de la classe {mean}/{max}. Écrits : {files}",
  },
  similarFound: {
    en: "{pairs} pairs of near-identical texts found: see the Similarity section of the dashboard.",
    fr: "{pairs} paires de textes presque identiques trouvées : voir la section Similarité du tableau de bord.",
  },
  outLocked: {
    en: "Another dockgrade {command} is writing into {dir} (process {pid} on {host}, started {started}). Wait for it to end, or give this one another --out. If nothing runs there any more, remove {file}.",
    fr: "Une autre commande dockgrade {command} écrit dans {dir} (processus {pid} sur {host}, lancée le {started}). Attendez qu'elle finisse, ou donnez à celle-ci un autre --out. Si plus rien n'y tourne, supprimez {file}.",
  },
  outLockUnreadable: {
    en: "{file} says another dockgrade batch or merge is writing into {dir}, but cannot be read. If nothing runs there, remove it.",
    fr: "{file} indique qu'une autre commande dockgrade (batch ou merge) écrit dans {dir}, mais il est illisible. Si rien n'y tourne, supprimez-le.",
  },
  outLockTakenOver: {
    en: "A dockgrade {command} started {started} (process {pid}) stopped in {dir} without finishing; this one takes the folder over.",
    fr: "Une commande dockgrade {command} lancée le {started} (processus {pid}) s'est arrêtée dans {dir} sans finir ; celle-ci reprend le dossier.",
  },
  tokenUsed: {
    en: "A token from {variable} is sent to {hosts} only (never written anywhere).",
    fr: "Un jeton lu dans {variable} est envoyé à {hosts} seulement (jamais écrit nulle part).",
  },
} satisfies MessageCatalog;

export type BatchMessageId = keyof typeof batchMessages;

export function batchText(lang: Lang, id: BatchMessageId, data?: MessageData): string {
  return renderMessage(batchMessages, id, lang, data);
}
