import { builtImageMessages } from "../../../src/grader/built-image.js";
import type { MessageId } from "../../../src/grader/contract.js";
import type { MessageCatalog } from "../../../src/i18n/catalog.js";

/**
 * Messages shared by the graders that run the student's container (http, lifecycle, volume, exec): the
 * image is missing, the container would not start, or it never answered — each with what was seen.
 */
export const startMessages = {
  // A missing image is said the same way by every grader that needs it (src/grader/built-image.ts).
  ...builtImageMessages,
  noSession: {
    en: "No Docker session was given to this check (harness error): grade again with Docker available.",
    fr: "Aucune session Docker n'a été fournie à cette vérification (erreur du correcteur) : relancez avec Docker disponible.",
  },
  startRefused: {
    en: "The container should start, but Docker refused to start it: {error}. The CMD or ENTRYPOINT names a program that is not in the image or cannot run: check its spelling and that the package providing it is installed, then rebuild.",
    fr: "Le conteneur devrait démarrer, mais Docker a refusé de le lancer : {error}. Le CMD ou l'ENTRYPOINT désigne un programme absent de l'image ou non exécutable : vérifiez son orthographe et que le paquet qui le fournit est installé, puis reconstruisez.",
  },
  startEngineError: {
    en: "The harness could not start the container: {error}. This is not a problem with your work: grade again.",
    fr: "Le correcteur n'a pas pu lancer le conteneur : {error}. Votre travail n'est pas en cause : relancez la correction.",
  },
  aborted: {
    en: "The check was stopped before the container answered (its deadline passed or the run was cancelled).",
    fr: "La vérification a été interrompue avant que le conteneur réponde (délai dépassé ou correction annulée).",
  },
  readOnlyRetry: {
    en: "The app failed on the harness's read-only root filesystem (it writes outside /tmp); it was started again with a writable one. Not counted against you, but an app that writes only to /tmp or a volume runs in more places.",
    fr: "L'application a échoué sur le système de fichiers racine en lecture seule du correcteur (elle écrit hors de /tmp) ; elle a été relancée avec une racine inscriptible. Ce n'est pas compté contre vous, mais une application qui n'écrit que dans /tmp ou un volume fonctionne dans plus d'environnements.",
  },
  exited: {
    en: "The container should keep running and answer on port {port}, but it stopped by itself {seconds} s after starting, with exit code {exitCode}{error}. Last lines of its logs:\n{logs}\nRun it in the foreground (`docker run` without `-d`) to watch it start, fix the error, then rebuild.",
    fr: "Le conteneur devrait rester en marche et répondre sur le port {port}, mais il s'est arrêté de lui-même {seconds} s après son démarrage, avec le code de sortie {exitCode}{error}. Dernières lignes de ses logs :\n{logs}\nLancez-le au premier plan (`docker run` sans `-d`) pour le voir démarrer, corrigez l'erreur, puis reconstruisez.",
  },
  oomKilled: {
    en: "The container should keep running, but it was killed {seconds} s after starting for using more than its memory limit ({memory} MB), exit code {exitCode}. Last lines of its logs:\n{logs}\nLook for what fills the memory (data loaded at start, a loop that never ends).",
    fr: "Le conteneur devrait rester en marche, mais il a été tué {seconds} s après son démarrage pour avoir dépassé sa limite mémoire ({memory} Mo), code de sortie {exitCode}. Dernières lignes de ses logs :\n{logs}\nCherchez ce qui remplit la mémoire (données chargées au démarrage, boucle sans fin).",
  },
  listensLoopback: {
    en: "Nothing answered on port {port}: inside the container the app listens on {address}, the container's own loopback, which Docker's published port (`-p {port}:{port}`) cannot reach. Listen on every interface: `--bind 0.0.0.0:{port}` for Gunicorn (`host=\"0.0.0.0\"` for Flask's server).",
    fr: "Rien n'a répondu sur le port {port} : dans le conteneur, l'application écoute sur {address}, la boucle locale du conteneur, que le port publié par Docker (`-p {port}:{port}`) ne peut pas atteindre. Écoutez sur toutes les interfaces : `--bind 0.0.0.0:{port}` pour Gunicorn (`host=\"0.0.0.0\"` pour le serveur de Flask).",
  },
  listensOtherPort: {
    en: "Nothing answered on port {port}: the app listens on {ports} instead ({addresses}), so `-p {port}:{port}` reaches nothing. Make it listen on port {port} (`--bind 0.0.0.0:{port}`) and declare `EXPOSE {port}`, as the assignment asks.",
    fr: "Rien n'a répondu sur le port {port} : l'application écoute sur {ports} à la place ({addresses}), donc `-p {port}:{port}` n'atteint rien. Faites-la écouter sur le port {port} (`--bind 0.0.0.0:{port}`) et déclarez `EXPOSE {port}`, comme le demande le sujet.",
  },
  listensNoAnswer: {
    en: "Something listens on {address} in the container, but no HTTP answer came on port {port} within {seconds} s (last attempt: {error}). Last lines of its logs:\n{logs}\nCheck that this port serves HTTP and that the app does not hang while starting.",
    fr: "Quelque chose écoute sur {address} dans le conteneur, mais aucune réponse HTTP n'est venue sur le port {port} en {seconds} s (dernière tentative : {error}). Dernières lignes de ses logs :\n{logs}\nVérifiez que ce port sert du HTTP et que l'application ne se bloque pas au démarrage.",
  },
  neverListens: {
    en: 'The app never answered on port {port} within {seconds} s: the container still runs `{command}`, but no process listens on any TCP port. Last lines of its logs:\n{logs}\nThe command must start the web server in the foreground, for example CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "app:app"].',
    fr: 'L\'application n\'a jamais répondu sur le port {port} en {seconds} s : le conteneur exécute toujours `{command}`, mais aucun processus n\'écoute sur un port TCP. Dernières lignes de ses logs :\n{logs}\nLa commande doit lancer le serveur web au premier plan, par exemple CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "app:app"].',
  },
  neverListensUnknown: {
    en: "The app never answered on port {port} within {seconds} s: the container still runs `{command}` (its sockets could not be read: {reason}). Last lines of its logs:\n{logs}\nThe command must start the web server in the foreground, listening on 0.0.0.0:{port}.",
    fr: "L'application n'a jamais répondu sur le port {port} en {seconds} s : le conteneur exécute toujours `{command}` (ses sockets n'ont pas pu être lus : {reason}). Dernières lignes de ses logs :\n{logs}\nLa commande doit lancer le serveur web au premier plan, à l'écoute sur 0.0.0.0:{port}.",
  },
  processLimit: {
    en: "The container holds {count} processes, its limit being {limit}: a process keeps creating others (a fork loop). The limit stopped it; remove the code that forks.",
    fr: "Le conteneur compte {count} processus pour une limite de {limit} : un processus en crée sans fin (boucle de fork). La limite l'a arrêté ; supprimez le code qui crée ces processus.",
  },
  devServerLog: {
    en: 'Its logs show Flask\'s development server ("WARNING: This is a development server"): it is not meant to serve a container. Run the app with Gunicorn: CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "app:app"].',
    fr: 'Ses logs montrent le serveur de développement de Flask (« WARNING: This is a development server ») : il n\'est pas fait pour servir un conteneur. Lancez l\'application avec Gunicorn : CMD ["gunicorn", "--bind", "0.0.0.0:{port}", "app:app"].',
  },
} satisfies MessageCatalog;

export type StartMessageId = MessageId<typeof startMessages>;
