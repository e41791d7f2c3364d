import { type Command, Help, type HelpConfiguration } from "commander";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import type { Lang, MessageData } from "../i18n/text.js";

/**
 * Every text of `dockgrade --help` and `dockgrade <command> --help`, in both languages: the descriptions of
 * the commands, their arguments and options, the exit codes, and commander's own headings and notes
 * (`Usage:`, `(default: …)`, the help and version options). Plain data: start-up loads it with program.ts.
 */
export const helpTexts = {
  // commander's own words around the descriptions (English: commander's, word for word)
  titleUsage: { en: "Usage:", fr: "Utilisation :" },
  titleArguments: { en: "Arguments:", fr: "Arguments :" },
  titleOptions: { en: "Options:", fr: "Options :" },
  titleCommands: { en: "Commands:", fr: "Commandes :" },
  titleGlobalOptions: { en: "Global Options:", fr: "Options générales :" },
  usageOptions: { en: "[options]", fr: "[options]" },
  usageCommand: { en: "[command]", fr: "[commande]" },
  helpOption: { en: "display help for command", fr: "afficher l'aide de la commande" },
  helpCommand: { en: "display help for command", fr: "afficher l'aide d'une commande" },
  helpCommandArgument: { en: "[command]", fr: "[commande]" },
  versionOption: { en: "output the version number", fr: "afficher le numéro de version" },
  noteChoices: { en: "choices: {choices}", fr: "valeurs possibles : {choices}" },
  noteDefault: { en: "default: {value}", fr: "par défaut : {value}" },
  notePreset: { en: "preset: {value}", fr: "valeur sans argument : {value}" },
  noteEnv: { en: "env: {name}", fr: "variable d'environnement : {name}" },
  noteSeparator: { en: ", ", fr: " ; " },
  valueTrue: { en: "true", fr: "oui" },
  valueFalse: { en: "false", fr: "non" },
  exitCodes: {
    en: `
Exit codes:
  0  graded (whatever the score)
  1  graded, but the score is below --min-score
  2  nothing graded: a wrong option, an unusable rubric, a submission or output folder that cannot be used
  3  a bug in dockgrade (the message asks you to report it)
  4  the Docker engine stopped answering during the run: the report is incomplete, grade again
  130, 143  interrupted (Ctrl-C, SIGTERM); what was created in Docker is removed first, and what was
            being graded is neither shown nor recorded (the next run grades it)`,
    fr: `
Codes de sortie :
  0  corrigé (quel que soit le score)
  1  corrigé, mais le score est inférieur à --min-score
  2  rien n'a été corrigé : une option erronée, un barème inutilisable, un rendu ou un dossier de sortie inutilisable
  3  un bug de dockgrade, pas du rendu (le message demande de le signaler)
  4  le moteur Docker a cessé de répondre pendant la correction : rapport incomplet, relancez la correction
  130, 143  interrompu (Ctrl-C, SIGTERM) ; ce qui a été créé dans Docker est d'abord supprimé, et ce
            qui était en cours de correction n'est ni affiché ni enregistré (la prochaine correction le reprend)`,
  },

  // the commands
  program: {
    en: "Grade Docker course submissions against a rubric, with real Docker",
    fr: "Corrige les rendus du cours Docker d'après un barème, avec le vrai moteur Docker",
  },
  check: {
    en: "grade one submission (a folder or a git URL; default: the current folder)",
    fr: "corriger un rendu (un dossier ou une URL git ; par défaut, le dossier courant)",
  },
  classroom: {
    en: "one GitHub Actions grading step: job log, job summary, step outputs, Classroom's points",
    fr: "une étape de correction GitHub Actions : journal du job, résumé du job, sorties de l'étape, points pour Classroom",
  },
  rubric: { en: "work with rubric folders", fr: "travailler sur les dossiers de barème" },
  rubricLint: {
    en: "validate a rubric folder; every error names file:line:column and the field",
    fr: "valider un dossier de barème ; chaque erreur donne fichier:ligne:colonne et le champ",
  },
  rubricExplain: {
    en: "print the grading scheme (steps, checks, points) for students; hidden checks left out",
    fr: "afficher le barème (étapes, vérifications, points) pour les étudiants, sans les vérifications cachées",
  },
  render: {
    en: "render a saved report.json in another format, without grading again",
    fr: "présenter un report.json enregistré dans un autre format, sans corriger à nouveau",
  },
  batch: {
    en: "grade a whole class: a GitHub Classroom roster with a URL template, a file of git URLs, or a folder of submissions",
    fr: "corriger toute une classe : une liste de classe GitHub Classroom avec un modèle d'URL, un fichier d'URL git, ou un dossier de rendus",
  },
  merge: {
    en: "combine the output folders of a class's shards into one grades.csv, summary and dashboard",
    fr: "fusionner les dossiers de sortie des parts d'une classe en un seul grades.csv, un résumé et un tableau de bord",
  },
  gc: {
    en: "remove what dead dockgrade runs left (containers, images, volumes, networks, temporary folders); a live run is never touched",
    fr: "supprimer ce qu'ont laissé les exécutions de dockgrade arrêtées (conteneurs, images, volumes, réseaux, dossiers temporaires) ; une exécution en cours n'est jamais touchée",
  },

  // their arguments
  submissionArgument: { en: "submission folder or git URL", fr: "dossier du rendu ou URL git" },
  rubricFolder: { en: "rubric folder", fr: "dossier du barème" },
  reportArgument: {
    en: "a report.json written by dockgrade check",
    fr: "un report.json écrit par dockgrade check",
  },
  batchFolderArgument: {
    en: "a folder whose sub-folders are submissions",
    fr: "un dossier dont chaque sous-dossier est un rendu",
  },
  mergeFoldersArgument: {
    en: "output folders of dockgrade batch --shard runs",
    fr: "dossiers de sortie des exécutions de dockgrade batch --shard",
  },

  // their options
  format: { en: "output format", fr: "format de sortie" },
  reportLang: {
    en: "report language: fr or en (default: from LANG, else fr)",
    fr: "langue du rapport : fr ou en (par défaut, celle de LANG, sinon fr)",
  },
  messageLang: { en: "message language: fr or en", fr: "langue des messages : fr ou en" },
  explainLang: { en: "language: fr or en", fr: "langue : fr ou en" },
  checkOut: {
    en: "folder for report.json and report.md (default: reports, but none when run inside the graded folder)",
    fr: "dossier de report.json et report.md (par défaut, reports, mais aucun quand la commande est lancée dans le dossier corrigé)",
  },
  reportOut: { en: "folder for report.json and report.md", fr: "dossier de report.json et report.md" },
  noOut: { en: "do not write report files", fr: "ne pas écrire de fichiers de rapport" },
  minScore: {
    en: "exit 1 when the score is below n",
    fr: "sortir avec le code 1 quand le score est inférieur à n",
  },
  checkRoot: {
    en: "submission root inside the repository (default: the folder holding the Dockerfile)",
    fr: "racine du rendu dans le dépôt (par défaut, le dossier qui contient le Dockerfile)",
  },
  classroomRoot: { en: "submission root inside the repository", fr: "racine du rendu dans le dépôt" },
  checkShowHidden: {
    en: "include hidden checks in the printed report (instructors)",
    fr: "inclure les vérifications cachées dans le rapport affiché (enseignants)",
  },
  pull: {
    en: "base images: pull only the missing ones, always pull, or never pull (use what the engine holds)",
    fr: "images de base : télécharger seulement celles qui manquent, toujours télécharger, ou ne jamais télécharger (utiliser celles que le moteur a déjà)",
  },
  watch: {
    en: "after a first grading, grade again on every save what the change affects",
    fr: "après une première correction, corriger à nouveau, à chaque enregistrement, ce que la modification touche",
  },
  verbose: {
    en: "also print the harness's own log lines",
    fr: "afficher aussi les lignes du journal interne de dockgrade",
  },
  renderShowHidden: { en: "include hidden checks", fr: "inclure les vérifications cachées" },
  renderLang: {
    en: "re-word the report in fr or en (default: the report's language)",
    fr: "reformuler le rapport en fr ou en (par défaut, dans la langue du rapport)",
  },
  renderRubric: {
    en: "the rubric the report was graded with (read with --lang)",
    fr: "le barème avec lequel le rapport a été corrigé (lu avec --lang)",
  },
  roster: {
    en: "GitHub Classroom roster (identifier, github_username, github_id, name, …)",
    fr: "liste de classe exportée de GitHub Classroom (identifier, github_username, github_id, name, …)",
  },
  repoTemplate: {
    en: "repository URL template for --roster, e.g. https://github.com/ORG/lab-{github_username}.git",
    fr: "modèle d'URL des dépôts pour --roster, par exemple https://github.com/ORG/lab-{github_username}.git",
  },
  urls: {
    en: "a text file with one git URL (or folder) per line",
    fr: "un fichier texte avec une URL git (ou un dossier) par ligne",
  },
  deadline: {
    en: "grade the last commit at or before this date, e.g. 2026-12-01T23:59:00+01:00",
    fr: "corriger le dernier commit fait à cette date ou avant, par exemple 2026-12-01T23:59:00+01:00",
  },
  jobs: { en: "submissions in flight at once", fr: "nombre de rendus corrigés en même temps" },
  batchOut: {
    en: "output folder (a folder per student, grades.csv, summary.json, index.html)",
    fr: "dossier de sortie (un dossier par étudiant, grades.csv, summary.json, index.html)",
  },
  shard: {
    en: "grade only slice i of n (merge the slices with dockgrade merge)",
    fr: "ne corriger que la part i sur n (fusionnez les parts avec dockgrade merge)",
  },
  force: {
    en: "grade again even the submissions whose content and rubric are unchanged",
    fr: "corriger à nouveau même les rendus dont le contenu et le barème n'ont pas changé",
  },
  batchRoot: {
    en: "submission root inside each repository (default: the folder holding the Dockerfile)",
    fr: "racine du rendu dans chaque dépôt (par défaut, le dossier qui contient le Dockerfile)",
  },
  batchBase: {
    en: "starter code given to everyone (folder or git URL): left out of similarity",
    fr: "code de départ donné à tous (dossier ou URL git) : laissé hors de la similarité",
  },
  batchReference: {
    en: "folder of published reports: a student text close to one is flagged",
    fr: "dossier de rapports publiés : un texte d'étudiant proche de l'un d'eux est signalé",
  },
  tokenHost: {
    en: "hosts that receive the GITHUB_TOKEN/GH_TOKEN token",
    fr: "hôtes qui reçoivent le jeton GITHUB_TOKEN/GH_TOKEN",
  },
  cloneTimeout: { en: "time limit of one clone", fr: "durée maximale d'un clonage" },
  maxRepoMb: {
    en: "size limit of one cloned repository, in MB",
    fr: "taille maximale d'un dépôt cloné, en Mo",
  },
  mergeOut: { en: "folder for the merged class output", fr: "dossier de la sortie fusionnée de la classe" },
  mergeRubric: {
    en: "rubric folder (only read with --base)",
    fr: "dossier du barème (lu seulement avec --base)",
  },
  mergeBase: {
    en: "starter code given to everyone: left out of similarity",
    fr: "code de départ donné à tous : laissé hors de la similarité",
  },
  mergeReference: {
    en: "folder of published reports to compare with",
    fr: "dossier de rapports publiés auxquels comparer",
  },
  olderThan: {
    en: "only resources older than this",
    fr: "seulement les ressources plus anciennes que ce nombre de minutes",
  },
  unownedOlderThan: {
    en: "resources whose run cannot be traced to a process (another machine, older versions): removed past this age",
    fr: "ressources dont l'exécution ne se rattache à aucun processus (autre machine, anciennes versions) : supprimées au-delà de cet âge",
  },
  gcRun: {
    en: "only the resources of this run (removed even if its process still runs)",
    fr: "seulement les ressources de cette exécution (supprimées même si son processus tourne encore)",
  },
} satisfies MessageCatalog;

export type HelpTextId = keyof typeof helpTexts;

export function helpText(lang: Lang, id: HelpTextId, data?: MessageData): string {
  return renderMessage(helpTexts, id, lang, data);
}

/** commander's headings (Help.formatHelp passes them to styleTitle) → their entry here. */
const TITLES: Readonly<Record<string, HelpTextId>> = {
  "Usage:": "titleUsage",
  "Arguments:": "titleArguments",
  "Options:": "titleOptions",
  "Commands:": "titleCommands",
  "Global Options:": "titleGlobalOptions",
};

/** Not whitespace for commander's wrapping, so a space replaced by it cannot start a new line. */
const WORD_JOINER = "\u2060";

/** What commander adds after a description: allowed values, default, preset, environment variable. */
interface Described {
  description: string;
  argChoices?: string[];
  defaultValue?: unknown;
  defaultValueDescription?: string;
}

/**
 * commander's help in `lang`, through its public customisation (`configureHelp`): the headings, the
 * `[options]`/`[command]` words of the usage lines and the notes after each description. The rest
 * (layout, wrapping, which options are shown) stays commander's. In English the output is commander's own.
 */
export function localizedHelp(lang: Lang): HelpConfiguration {
  const t = (id: HelpTextId, data?: MessageData) => helpText(lang, id, data);
  const nameWithAlias = (cmd: Command) => {
    const [alias] = cmd.aliases();
    return alias ? `${cmd.name()}|${alias}` : cmd.name();
  };
  const argumentUsage = (arg: { name(): string; required: boolean; variadic: boolean }) => {
    const name = `${arg.name()}${arg.variadic ? "..." : ""}`;
    return arg.required ? `<${name}>` : `[${name}]`;
  };
  const withNotes = (item: Described, notes: string[]) => {
    if (notes.length === 0) return item.description;
    const note = `(${notes.join(t("noteSeparator"))})`;
    return item.description ? `${item.description} ${note}` : note;
  };
  const choicesNote = (item: Described) =>
    item.argChoices
      ? [t("noteChoices", { choices: item.argChoices.map((choice) => JSON.stringify(choice)).join(", ") })]
      : [];
  const shownValue = (value: unknown) =>
    typeof value === "boolean" ? t(value ? "valueTrue" : "valueFalse") : JSON.stringify(value);
  const defaultNote = (item: Described) => [
    t("noteDefault", { value: item.defaultValueDescription || shownValue(item.defaultValue) }),
  ];
  return {
    styleTitle(title) {
      const id = TITLES[title];
      return Help.prototype.styleTitle.call(this, id ? t(id) : title);
    },
    boxWrap(text, width) {
      // French puts a space before ":" and ";": the line is never broken there.
      const joined = text.replace(/ ([:;])/g, `${WORD_JOINER}$1`);
      return Help.prototype.boxWrap.call(this, joined, width).replaceAll(WORD_JOINER, " ");
    },
    commandUsage(cmd) {
      const names: string[] = [];
      for (let ancestor = cmd.parent; ancestor; ancestor = ancestor.parent) names.unshift(ancestor.name());
      const hasOptions = cmd.options.length > 0 || (this as Help).visibleOptions(cmd).length > 0;
      return [
        ...names,
        nameWithAlias(cmd),
        ...(hasOptions ? [t("usageOptions")] : []),
        ...(cmd.commands.length > 0 ? [t("usageCommand")] : []),
        ...cmd.registeredArguments.map(argumentUsage),
      ].join(" ");
    },
    subcommandTerm(cmd) {
      return [
        nameWithAlias(cmd),
        ...(cmd.options.length > 0 ? [t("usageOptions")] : []),
        ...cmd.registeredArguments.map(argumentUsage),
      ].join(" ");
    },
    optionDescription(option) {
      // As commander: a default only for options that take a value, or booleans defaulting to true/false.
      const showDefault =
        option.defaultValue !== undefined &&
        (option.required ||
          option.optional ||
          (option.isBoolean() && typeof option.defaultValue === "boolean"));
      return withNotes(option, [
        ...choicesNote(option),
        ...(showDefault ? defaultNote(option) : []),
        ...(option.presetArg !== undefined && option.optional
          ? [t("notePreset", { value: JSON.stringify(option.presetArg) })]
          : []),
        ...(option.envVar !== undefined ? [t("noteEnv", { name: option.envVar })] : []),
      ]);
    },
    argumentDescription(argument) {
      return withNotes(argument, [
        ...choicesNote(argument),
        ...(argument.defaultValue !== undefined ? defaultNote(argument) : []),
      ]);
    },
  };
}
