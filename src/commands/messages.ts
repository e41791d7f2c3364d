import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang, MessageData } from "../i18n/text.js";

/** What the commands themselves say around a report (the report's own texts are the graders'). */
export const commandMessages = {
  unusableRubric: {
    en: "unusable rubric: {dir} (see above; `dockgrade rubric lint` checks it)",
    fr: "barème inutilisable : {dir} (voir ci-dessus ; `dockgrade rubric lint` le vérifie)",
  },
  reportWritten: { en: "report written: {file}", fr: "rapport écrit : {file}" },
  internalError: {
    en: "internal error — this is a bug in dockgrade, not in the submission. Please report it with what follows:",
    fr: "erreur interne — c'est un défaut de dockgrade, pas du rendu. Merci de le signaler avec ce qui suit :",
  },
  belowMinScore: {
    en: "score {score} is below the required minimum ({min})",
    fr: "score {score} inférieur au minimum demandé ({min})",
  },
  watchNeedsFolder: {
    en: "--watch follows a folder on this disk, not a git URL: clone the repository, then run dockgrade check --watch in that folder",
    fr: "--watch surveille un dossier sur ce disque, pas une URL git : clonez le dépôt, puis lancez dockgrade check --watch dans ce dossier",
  },
  watchNeedsText: {
    en: "--watch prints its results for a person, as text: leave out --format {format} (the report files hold the JSON)",
    fr: "--watch affiche ses résultats pour une personne, en texte : retirez --format {format} (les fichiers de rapport gardent le JSON)",
  },
  engineLost: {
    en: "the Docker engine stopped answering: the report is incomplete, grade again once Docker runs",
    fr: "le moteur Docker a cessé de répondre : rapport incomplet, relancez la correction une fois Docker redémarré",
  },
  reportNotWritten: {
    en: "report not written: dockgrade puts no files into the graded folder (--out DIR to write it)",
    fr: "rapport non écrit : dockgrade ne met pas de fichiers dans le dossier corrigé (--out DOSSIER pour l'écrire)",
  },
  reportWriteFailed: {
    en: "the report could not be written to {dir} ({cause})",
    fr: "le rapport n'a pas pu être écrit dans {dir} ({cause})",
  },
  interrupted: {
    en: "interrupted: removing the containers, images, volumes and networks this run made in Docker… (interrupt again to quit at once)",
    fr: "interrompu : suppression des conteneurs, images, volumes et réseaux que cette correction a créés dans Docker… (interrompez à nouveau pour quitter tout de suite)",
  },
  interruptedLeftovers: {
    en: "some Docker objects may remain: `dockgrade gc` removes them",
    fr: "des objets Docker peuvent rester : `dockgrade gc` les supprime",
  },
  reportMissing: {
    en: "{file}: no such file. Give the path of a report.json that dockgrade wrote.",
    fr: "{file} : ce fichier n'existe pas. Donnez le chemin d'un report.json écrit par dockgrade.",
  },
  reportFolder: {
    en: "{file}: a folder, not a report. Give the report.json inside it.",
    fr: "{file} : c'est un dossier, pas un rapport. Donnez le report.json qu'il contient.",
  },
  reportUnreadable: {
    en: "{file}: could not be read ({cause}).",
    fr: "{file} : lecture impossible ({cause}).",
  },
  reportNotJson: {
    en: "{file}: not valid JSON (the JSON reader says: {detail}). A report.json written by dockgrade is; was the file cut or edited?",
    fr: "{file} : ce n'est pas du JSON valide (le lecteur JSON dit : {detail}). Un report.json écrit par dockgrade l'est ; le fichier a-t-il été tronqué ou modifié ?",
  },
  reportNotReport: {
    en: "{file}: not a report written by dockgrade (it has no schemaVersion and tool fields). Give the report.json that `dockgrade check` or `dockgrade batch` writes.",
    fr: "{file} : ce n'est pas un rapport écrit par dockgrade (il n'a pas les champs schemaVersion et tool). Donnez le report.json qu'écrit `dockgrade check` ou `dockgrade batch`.",
  },
  reportOtherVersion: {
    en: "{file}: a report in another dockgrade format ({found}; this dockgrade reads {reads}). Render it with the dockgrade that wrote it, or grade the submission again.",
    fr: "{file} : un rapport dans un autre format de dockgrade ({found} ; ce dockgrade lit {reads}). Affichez-le avec le dockgrade qui l'a écrit, ou notez de nouveau le rendu.",
  },
  reportDamaged: {
    en: "{file}: a dockgrade report, but damaged:\n  {problems}\nWrite it again (`dockgrade check`, or `batch --force` for a class), or take an intact copy.",
    fr: "{file} : un rapport de dockgrade, mais abîmé :\n  {problems}\nÉcrivez-le de nouveau (`dockgrade check`, ou `batch --force` pour une classe), ou prenez-en une copie intacte.",
  },
  reportFieldMissing: { en: "{where}: missing", fr: "{where} : absent" },
  reportFieldType: { en: "{where}: should be {expected}", fr: "{where} : devrait être {expected}" },
  reportFieldInvalid: { en: "{where}: not of the expected form", fr: "{where} : n'a pas la forme attendue" },
  reportWholeFile: { en: "the whole file", fr: "le fichier entier" },
  reportMore: { en: "and {count} more", fr: "et {count} de plus" },
  reportNotReworded: {
    en: "{file}: cannot be re-worded in {language}:\n  {problems}",
    fr: "{file} : ne peut pas être reformulé en {language} :\n  {problems}",
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
