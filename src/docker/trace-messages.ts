import { type BothData, type MessageCatalog, renderBoth } from "../i18n/catalog.js";
import type { Bilingual } from "../i18n/text.js";

/** What the Docker session says in the verbose log, and why the reaper is off. */
export const dockerTraceMessages = {
  building: {
    en: "Building the image {reference} from {files} files ({size}).",
    fr: "Construction de l'image {reference} à partir de {files} fichiers ({size}).",
  },
  pulling: {
    en: "Downloading the image {reference}.",
    fr: "Téléchargement de l'image {reference}.",
  },
  cleanupError: {
    en: "Something could not be removed after grading: {error}",
    fr: "Un élément n'a pas pu être supprimé après la correction : {error}",
  },
  cleanupFailed: {
    en: "What grading made ({what}) could not be removed: {error}. `dockgrade gc` removes what is left.",
    fr: "Ce que la correction a créé ({what}) n'a pas pu être supprimé : {error}. `dockgrade gc` supprime ce qui reste.",
  },
  reaperOff: {
    en: "No reaper for this process: {reason}. Leases and `dockgrade gc` still remove what a killed run leaves.",
    fr: "Pas de nettoyeur (reaper) pour ce processus : {reason}. Les baux et `dockgrade gc` suppriment toujours ce qu'un passage tué laisse.",
  },
  reaperOn: {
    en: "The reaper runs ({image}, container {container}): what this process leaves if it is killed is removed.",
    fr: "Le nettoyeur (reaper) tourne ({image}, conteneur {container}) : ce que ce processus laisse s'il est tué est supprimé.",
  },
  reaperWatching: {
    en: "The reaper watches the run {run}.",
    fr: "Le nettoyeur surveille le passage {run}.",
  },
  reaperNotRegistered: {
    en: "The reaper stopped answering and does not watch the run {run}; `dockgrade gc` still removes its leftovers.",
    fr: "Le nettoyeur ne répond plus et ne surveille pas le passage {run} ; `dockgrade gc` supprime toujours ses restes.",
  },
  reasonDisabled: {
    en: "TESTCONTAINERS_RYUK_DISABLED is set",
    fr: "TESTCONTAINERS_RYUK_DISABLED est défini",
  },
  reasonNotLocal: {
    en: "the engine is not reached through a plain local socket (DOCKER_HOST tcp:// or ssh://, TLS settings, or ~/.testcontainers.properties): its port would be open beyond 127.0.0.1",
    fr: "le moteur n'est pas joint par un simple socket local (DOCKER_HOST tcp:// ou ssh://, réglages TLS, ou ~/.testcontainers.properties) : son port serait ouvert au-delà de 127.0.0.1",
  },
  reasonStoppedAnswering: {
    en: "the reaper stopped answering",
    fr: "le nettoyeur ne répond plus",
  },
  reasonCouldNotStart: {
    en: "it could not start: {error}",
    fr: "il n'a pas pu démarrer : {error}",
  },
  reasonNotOnEngine: {
    en: "the image {image} is not on the engine (--pull never)",
    fr: "l'image {image} n'est pas sur le moteur (--pull never)",
  },
  reasonPullFailed: {
    en: "the image {image} is not on the engine and could not be downloaded ({error})",
    fr: "l'image {image} n'est pas sur le moteur et n'a pas pu être téléchargée ({error})",
  },
} satisfies MessageCatalog;

export type DockerTraceId = keyof typeof dockerTraceMessages;

/** One line of the Docker session's trace, or one reason, in both languages. */
export function dockerTrace(id: DockerTraceId, data?: BothData): Bilingual {
  return renderBoth(dockerTraceMessages, id, data);
}
