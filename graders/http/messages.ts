import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import { startMessages } from "../kit/app/start-messages.js";

/** The http grader's messages: starting the app (shared), then one request's verdicts. */
export const httpMessages = {
  ...startMessages,
  started: {
    en: "The container answered on port {port} {seconds} s after starting.",
    fr: "Le conteneur a répondu sur le port {port} {seconds} s après son démarrage.",
  },
  requestPassed: {
    en: "{method} {path} answered {status} as expected{detail}.",
    fr: "{method} {path} a répondu {status} comme attendu{detail}.",
  },
  noAnswer: {
    en: "{method} {path} should answer, but got no answer once the app had started ({error}). Last lines of its logs:\n{logs}\nCheck that this route does not crash the worker or hang.",
    fr: "{method} {path} devrait répondre, mais n'a obtenu aucune réponse alors que l'application avait démarré ({error}). Dernières lignes de ses logs :\n{logs}\nVérifiez que cette route ne fait pas planter le worker et ne se bloque pas.",
  },
  statusNotFound: {
    en: '{method} {path} should answer {expected}, but answered 404 (not found): the app has no such route. Declare it in app.py (`@app.get("{path}")`) and check the path\'s spelling.',
    fr: "{method} {path} devrait répondre {expected}, mais a répondu 404 (introuvable) : l'application n'a pas cette route. Déclarez-la dans app.py (`@app.get(\"{path}\")`) et vérifiez l'orthographe du chemin.",
  },
  statusServerError: {
    en: "{method} {path} should answer {expected}, but answered {found}: the app raised an error while answering ({body}). Last lines of its logs:\n{logs}\nFix the error shown in the logs, then rebuild.",
    fr: "{method} {path} devrait répondre {expected}, mais a répondu {found} : l'application a levé une erreur en répondant ({body}). Dernières lignes de ses logs :\n{logs}\nCorrigez l'erreur montrée dans les logs, puis reconstruisez.",
  },
  statusWrong: {
    en: "{method} {path} should answer {expected}, but answered {found} ({body}). Make the route answer {expected}.",
    fr: "{method} {path} devrait répondre {expected}, mais a répondu {found} ({body}). Faites répondre {expected} à la route.",
  },
  bodyMismatch: {
    en: "{method} {path}: the body should contain {expected}, but it is: {body}. Make the route return the expected content.",
    fr: "{method} {path} : le corps devrait contenir {expected}, mais il vaut : {body}. Faites renvoyer le contenu attendu à la route.",
  },
  notJson: {
    en: "{method} {path} should answer JSON, but its body is not JSON (Content-Type: {contentType}): {body}. Return the data with `jsonify(...)`.",
    fr: "{method} {path} devrait répondre du JSON, mais son corps n'en est pas (Content-Type : {contentType}) : {body}. Renvoyez les données avec `jsonify(...)`.",
  },
  fieldMissing: {
    en: '{method} {path}: the JSON answer should hold the field "{field}", but it holds: {keys}. Return it, for example `jsonify({field}=...)`.',
    fr: "{method} {path} : la réponse JSON devrait contenir le champ « {field} », mais elle contient : {keys}. Renvoyez-le, par exemple `jsonify({field}=...)`.",
  },
  fieldType: {
    en: '{method} {path}: the field "{field}" should be of type {expected}, but it is of type {found} ({value}).',
    fr: "{method} {path} : le champ « {field} » devrait être de type {expected}, mais il est de type {found} ({value}).",
  },
  fieldEmpty: {
    en: '{method} {path}: the field "{field}" should not be empty, but it is. Check that the data file is read and holds lines.',
    fr: "{method} {path} : le champ « {field} » ne devrait pas être vide, mais il l'est. Vérifiez que le fichier de données est lu et contient des lignes.",
  },
  notALine: {
    en: '{method} {path}: the field "{field}" should be one of the {count} lines of {file}, but it is "{value}". Serve the lines of {file}, read at every request (blank lines ignored).',
    fr: "{method} {path} : le champ « {field} » devrait être l'une des {count} lignes de {file}, mais il vaut « {value} ». Servez les lignes de {file}, lu à chaque requête (lignes vides ignorées).",
  },
  linesUnreadable: {
    en: '{method} {path}: the field "{field}" should be one of the lines of {file}, but {file} could not be read in the submission ({reason}). Commit {file}, one line per entry.',
    fr: "{method} {path} : le champ « {field} » devrait être l'une des lignes de {file}, mais {file} n'a pas pu être lu dans le rendu ({reason}). Committez {file}, une ligne par entrée.",
  },
  headerMissing: {
    en: "{method} {path}: the {header} header should contain {expected}, but the answer has no {header} header.",
    fr: "{method} {path} : l'en-tête {header} devrait contenir {expected}, mais la réponse n'a pas d'en-tête {header}.",
  },
  headerMismatch: {
    en: '{method} {path}: the {header} header should contain {expected}, but it is "{found}".',
    fr: "{method} {path} : l'en-tête {header} devrait contenir {expected}, mais il vaut « {found} ».",
  },
  devServerHeader: {
    en: '{method} {path}: the {header} header should contain {expected}, but it is "{found}": Flask\'s development server (Werkzeug) answered instead of Gunicorn. It is meant for development only (debug features, no clean stop on SIGTERM). Run Gunicorn: CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"], with gunicorn in requirements.txt.',
    fr: '{method} {path} : l\'en-tête {header} devrait contenir {expected}, mais il vaut « {found} » : c\'est le serveur de développement de Flask (Werkzeug) qui a répondu, pas Gunicorn. Il est réservé au développement (outils de débogage, pas d\'arrêt propre sur SIGTERM). Lancez Gunicorn : CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"], avec gunicorn dans requirements.txt.',
  },
  devServerNoted: {
    en: "{method} {path} was answered by Flask's development server ({found}); the assignment expects Gunicorn.",
    fr: "{method} {path} a été servi par le serveur de développement de Flask ({found}) ; le sujet attend Gunicorn.",
  },
} satisfies MessageCatalog;

export type HttpMessageId = MessageId<typeof httpMessages>;
