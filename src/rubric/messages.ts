import type { MessageCatalog } from "../i18n/catalog.js";

/** Every problem `rubric lint` can report, in both languages. */
export const rubricMessages = {
  yamlSyntax: { en: "YAML syntax error: {detail}", fr: "erreur de syntaxe YAML : {detail}" },
  tooLarge: {
    en: "file is {size} bytes; a rubric file may hold at most {max} bytes",
    fr: "le fichier fait {size} octets ; un fichier de barème est limité à {max} octets",
  },
  aliasBomb: {
    en: "too many YAML aliases (more than {max}): refused as a possible alias bomb",
    fr: "trop d'alias YAML (plus de {max}) : refusé, risque de bombe d'alias",
  },
  unreadable: { en: "cannot read the file: {detail}", fr: "impossible de lire le fichier : {detail}" },
  notMapping: {
    en: "expected a mapping (key: value) at the top level",
    fr: "attendu : un dictionnaire (clé: valeur) à la racine",
  },
  type: { en: "expected {expected}", fr: "attendu : {expected}" },
  didYouMean: { en: ' (did you mean "{near}"?)', fr: ' (vouliez-vous dire "{near}" ?)' },
  required: { en: 'missing required field "{field}"', fr: 'champ obligatoire manquant : "{field}"' },
  unknownField: {
    en: 'unknown field "{field}" (allowed: {allowed})',
    fr: 'champ inconnu "{field}" (autorisés : {allowed})',
  },
  enum: { en: "expected one of: {allowed}", fr: "attendu : une valeur parmi {allowed}" },
  pattern: {
    en: 'value "{value}" does not match {pattern}',
    fr: 'la valeur "{value}" ne respecte pas {pattern}',
  },
  badPattern: {
    en: 'pattern "{value}" is not a valid regular expression ({detail}): fix it (docs/rubric-guide.md, Patterns)',
    fr: 'le motif "{value}" n\'est pas une expression régulière valide ({detail}) : corrigez-le (docs/rubric-guide.md, Patterns)',
  },
  range: { en: "expected a number {comparison} {limit}", fr: "attendu : un nombre {comparison} {limit}" },
  length: {
    en: "expected {comparison} {limit} items or characters",
    fr: "attendu : {comparison} {limit} éléments ou caractères",
  },
  invalid: { en: "invalid value: {detail}", fr: "valeur invalide : {detail}" },
  stepMissing: {
    en: 'step file "{file}" does not exist in {dir}',
    fr: "le fichier d'étape \"{file}\" n'existe pas dans {dir}",
  },
  unknownGrader: {
    en: 'unknown grader "{grader}"{suggestion} (known: {known})',
    fr: 'correcteur inconnu "{grader}"{suggestion} (connus : {known})',
  },
  duplicateCheck: {
    en: 'duplicate check id "{id}" (first defined at {first})',
    fr: 'identifiant de vérification "{id}" en double (déjà défini en {first})',
  },
  duplicateStep: {
    en: 'duplicate step id "{id}" (first defined in {first})',
    fr: 'identifiant d\'étape "{id}" en double (déjà défini dans {first})',
  },
  unknownNeed: {
    en: 'needs unknown check "{need}"{suggestion}',
    fr: 'dépend d\'une vérification inconnue "{need}"{suggestion}',
  },
  selfNeed: { en: 'check "{id}" needs itself', fr: 'la vérification "{id}" dépend d\'elle-même' },
  cycle: { en: "dependency cycle: {cycle}", fr: "cycle de dépendances : {cycle}" },
  stepTotal: {
    en: 'step "{step}" declares {declared} points but its checks add up to {sum}: make them equal',
    fr: 'l\'étape "{step}" annonce {declared} points mais ses vérifications totalisent {sum} : rendez-les égaux',
  },
  rubricTotal: {
    en: "totalPoints is {declared} but the steps add up to {sum}: make them equal",
    fr: "totalPoints vaut {declared} mais les étapes totalisent {sum} : rendez-les égaux",
  },
  badImageReference: {
    en: '"{value}" is not an image name Docker accepts (lowercase name, optional :tag), for example python:3.12-slim',
    fr: "\"{value}\" n'est pas un nom d'image accepté par Docker (nom en minuscules, :tag facultatif), par exemple python:3.12-slim",
  },
  noAssignment: {
    en: "no assignment.yaml in {dir}: a rubric folder needs one, listing its step files",
    fr: "pas de assignment.yaml dans {dir} : un dossier de barème en contient un qui liste ses étapes",
  },
  /** Between the type names of a `type` problem: "a number or a string". */
  typeOr: { en: " or ", fr: " ou " },
} satisfies MessageCatalog;

export type RubricMessageId = keyof typeof rubricMessages;
