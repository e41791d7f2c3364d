import { interpolate, type Lang, type MessageData } from "../i18n/text.js";
import { escapeHtml } from "./html-escape.js";
import type { SimilarityKind } from "./types.js";

type Words = Record<Lang, string>;

/**
 * Every word the class dashboard shows, in both languages. `{name}` placeholders are filled with
 * `interpolate`; values are escaped after filling, so a label never carries HTML.
 */
export const dashboardWords = {
  pageTitle: { fr: "{title} — résultats de la classe", en: "{title} — class results" },
  generated: {
    fr: "Généré le {date} par dockgrade {version}",
    en: "Generated on {date} by dockgrade {version}",
  },
  outOf: { fr: "sur {max}", en: "out of {max}" },
  statsHeading: { fr: "La classe en chiffres", en: "The class at a glance" },
  statCount: { fr: "Rendus", en: "Submissions" },
  statGraded: { fr: "Corrigés", en: "Graded" },
  statErrors: { fr: "Impossibles à corriger", en: "Could not be graded" },
  statMean: { fr: "Moyenne", en: "Mean" },
  statMedian: { fr: "Médiane", en: "Median" },
  statRange: { fr: "Plus basse – plus haute", en: "Lowest – highest" },
  noScore: { fr: "aucune note", en: "no score" },
  histogramHeading: { fr: "Répartition des notes", en: "Score distribution" },
  histogramDesc: {
    fr: "Nombre de rendus corrigés par tranche de notes, sur {max} points.",
    en: "Number of graded submissions in each score range, out of {max} points.",
  },
  histogramXAxis: { fr: "Note (points sur {max})", en: "Score (points out of {max})" },
  histogramYAxis: { fr: "Rendus", en: "Submissions" },
  histogramBar: {
    fr: "de {from} à {to} points : {count} rendu(s)",
    en: "{from} to {to} points: {count} submission(s)",
  },
  nothingGraded: {
    fr: "Aucun rendu n'a pu être corrigé : pas de notes à montrer.",
    en: "No submission could be graded: there are no scores to show.",
  },
  stepsHeading: { fr: "Moyenne par étape", en: "Average per step" },
  step: { fr: "Étape", en: "Step" },
  average: { fr: "Moyenne", en: "Average" },
  failedHeading: { fr: "Vérifications le plus souvent manquées", en: "Checks most often not passed" },
  failedCaption: {
    fr: "Vérifications non réussies (échec, partiel, non vérifié), sur les rendus corrigés.",
    en: "Checks not passed (failed, partly passed or not checked), among graded submissions.",
  },
  check: { fr: "Vérification", en: "Check" },
  notPassed: { fr: "Non réussie", en: "Not passed" },
  notPassedCount: { fr: "{n} sur {graded}", en: "{n} of {graded}" },
  noneFailed: {
    fr: "Toutes les vérifications ont été réussies partout.",
    en: "Every check passed everywhere.",
  },
  errorsHeading: { fr: "Rendus impossibles à corriger", en: "Submissions that could not be graded" },
  errorsHint: {
    fr: "Ces rendus n'ont pas de note. Corrigez la cause indiquée (adresse du dépôt, accès, réseau), puis relancez dockgrade batch : les rendus déjà corrigés et inchangés seront repris tels quels.",
    en: "These submissions have no score. Fix the cause shown (repository address, access, network), then run dockgrade batch again: graded submissions that did not change are reused as they are.",
  },
  noErrors: { fr: "Tous les rendus ont pu être corrigés.", en: "Every submission could be graded." },
  student: { fr: "Étudiant·e", en: "Student" },
  reason: { fr: "Raison", en: "Reason" },
  tableHeading: { fr: "Tous les rendus", en: "All submissions" },
  tableCaption: {
    fr: "Un rendu par ligne. Cliquez sur un titre de colonne pour trier ; cliquez encore pour inverser l'ordre.",
    en: "One submission per row. Click a column title to sort; click again to reverse the order.",
  },
  filterText: { fr: "Rechercher", en: "Search" },
  filterPlaceholder: { fr: "nom, identifiant, raison…", en: "name, identifier, reason…" },
  filterStatus: { fr: "Afficher", en: "Show" },
  filterAll: { fr: "tous les rendus", en: "all submissions" },
  filterGraded: { fr: "les rendus corrigés", en: "graded submissions" },
  filterErrors: { fr: "les rendus impossibles à corriger", en: "submissions that could not be graded" },
  filterCount: { fr: "{shown} rendu(s) affiché(s) sur {total}", en: "{shown} of {total} submissions shown" },
  score: { fr: "Note", en: "Score" },
  status: { fr: "État", en: "Status" },
  statusGraded: { fr: "corrigé", en: "graded" },
  statusError: { fr: "impossible à corriger", en: "could not be graded" },
  commit: { fr: "Commit", en: "Commit" },
  commitDate: { fr: "Date du commit (UTC)", en: "Commit date (UTC)" },
  report: { fr: "Rapport", en: "Report" },
  openReport: { fr: "rapport", en: "report" },
  reused: { fr: "repris", en: "reused" },
  reusedTitle: {
    fr: "Rapport d'une correction précédente, repris car le rendu et le barème n'ont pas changé.",
    en: "Report from an earlier run, reused because neither the submission nor the rubric changed.",
  },
  harnessErrors: {
    fr: "{n} vérification(s) non faite(s) par l'outil",
    en: "{n} check(s) the tool could not run",
  },
  harnessErrorsTitle: {
    fr: "L'outil n'a pas pu faire ces vérifications (délai dépassé, Docker indisponible…) : ce n'est pas la faute de l'étudiant·e. Voir le rapport, puis relancer la correction de ce rendu.",
    en: "The tool could not run these checks (time limit, Docker unavailable…): this is not the student's fault. See the report, then grade this submission again.",
  },
  similarityHeading: { fr: "Textes très ressemblants", en: "Very similar texts" },
  similarityIntro: {
    fr: "Paires de rendus (ou un rendu et un corrigé publié) dont les textes se ressemblent, les plus proches d'abord. Une ressemblance n'est pas une preuve : lisez les passages communs avant de conclure.",
    en: "Pairs of submissions (or a submission and a published answer) whose texts look alike, closest first. A resemblance is not proof: read the shared passages before drawing conclusions.",
  },
  similarityNone: { fr: "Aucune ressemblance notable.", en: "No notable resemblance." },
  similarityScore: { fr: "{percent} en commun", en: "{percent} in common" },
  reference: { fr: "corrigé publié « {file} »", en: "published answer “{file}”" },
  sharedPassages: { fr: "Passages communs", en: "Shared passages" },
  footer: {
    fr: "Page autonome : elle s'ouvre depuis le disque, sans réseau. Les textes des étudiant·es y sont affichés tels quels, sans jamais être exécutés.",
    en: "Self-contained page: it opens from disk, with no network. Student texts are shown as they are and never run.",
  },
} satisfies Record<string, Words>;

export type DashboardWord = keyof typeof dashboardWords;

/** The file each similarity kind compares, named as students know it. */
export const kindLabel: Record<SimilarityKind, string> = {
  readme: "README",
  dockerfile: "Dockerfile",
  app: "app.py",
};

/** A dashboard word in `lang`, placeholders filled, escaped for HTML (values are student text too). */
export function say(key: DashboardWord, lang: Lang, data?: MessageData): string {
  return escapeHtml(interpolate(dashboardWords[key][lang], data));
}
