import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import { startMessages } from "../kit/app/start-messages.js";

/** The lifecycle grader's messages: starting (shared with http), then stop, state, ports and removal. */
export const lifecycleMessages = {
  ...startMessages,
  noWeight: {
    en: "Every part of this check has weight 0: give at least one of stop, exited, ports, remove a weight (rubric error).",
    fr: "Toutes les parties de cette vérification ont un poids nul : donnez un poids à au moins l'une de stop, exited, ports, remove (erreur du barème).",
  },
  notStarted: {
    en: "Not checked: the container did not start ({error}), so there was nothing to stop. The check that starts the app says why.",
    fr: "Non vérifié : le conteneur n'a pas démarré ({error}), il n'y avait donc rien à arrêter. La vérification qui lance l'application en donne la raison.",
  },
  exitedBeforeStop: {
    en: "Not checked: the container exited by itself (exit code {exitCode}) before docker stop could be sent, so its handling of SIGTERM could not be seen. The check that starts the app says why.",
    fr: "Non vérifié : le conteneur s'est arrêté de lui-même (code de sortie {exitCode}) avant que docker stop puisse être envoyé : sa gestion de SIGTERM n'a donc pas pu être observée. La vérification qui lance l'application en donne la raison.",
  },
  notReady: {
    en: "The app did not answer on port {port} before the stop (see the check that calls the API); the container was stopped anyway.",
    fr: "L'application n'a pas répondu sur le port {port} avant l'arrêt (voir la vérification qui appelle l'API) ; le conteneur a tout de même été arrêté.",
  },
  stopClean: {
    en: "`docker stop` ended the container {seconds} s after its SIGTERM, with exit code {exitCode}: PID 1 (`{pid1}`) handled SIGTERM.",
    fr: "`docker stop` a arrêté le conteneur {seconds} s après son SIGTERM, avec le code de sortie {exitCode} : le PID 1 (`{pid1}`) a traité SIGTERM.",
  },
  stopSlow: {
    en: "`docker stop` should end the container within {max} s, but it exited {seconds} s after its SIGTERM (exit code {exitCode}). Make the app shut down promptly on SIGTERM (no long cleanup, no request that never ends).",
    fr: "`docker stop` devrait arrêter le conteneur en {max} s au plus, mais il s'est terminé {seconds} s après son SIGTERM (code de sortie {exitCode}). Faites en sorte que l'application s'arrête vite sur SIGTERM (pas de long nettoyage, pas de requête sans fin).",
  },
  stopShellForm: {
    en: "`docker stop` should end the container within {max} s, but it waited the whole grace period ({grace} s), then killed it (exit code {exitCode}). PID 1 is `{pid1}`: CMD is written in shell form, so /bin/sh runs as PID 1 with the server as its child; sh does not pass SIGTERM on, and as PID 1 it ignores it. Write CMD in exec form (a JSON array): CMD {execForm} — or start the last command of a script with `exec`.",
    fr: "`docker stop` devrait arrêter le conteneur en {max} s au plus, mais il a attendu tout le délai de grâce ({grace} s), puis l'a tué (code de sortie {exitCode}). Le PID 1 est `{pid1}` : le CMD est écrit en forme shell, donc /bin/sh tourne en PID 1 avec le serveur comme enfant ; sh ne transmet pas SIGTERM et, en PID 1, l'ignore. Écrivez le CMD en forme exec (tableau JSON) : CMD {execForm} — ou lancez la dernière commande d'un script avec `exec`.",
  },
  stopIgnoredPython: {
    en: '`docker stop` should end the container within {max} s, but it waited the whole grace period ({grace} s), then killed it (exit code {exitCode}): PID 1 (`{pid1}`) ignored SIGTERM. A process running as PID 1 gets no default signal handling, and a Python script (Flask\'s development server included) installs no SIGTERM handler. Serve the app with Gunicorn, which stops cleanly on SIGTERM: CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"].',
    fr: '`docker stop` devrait arrêter le conteneur en {max} s au plus, mais il a attendu tout le délai de grâce ({grace} s), puis l\'a tué (code de sortie {exitCode}) : le PID 1 (`{pid1}`) a ignoré SIGTERM. Un processus en PID 1 n\'a pas de traitement des signaux par défaut, et un script Python (serveur de développement de Flask compris) n\'installe pas de gestionnaire de SIGTERM. Servez l\'application avec Gunicorn, qui s\'arrête proprement sur SIGTERM : CMD ["gunicorn", "--bind", "0.0.0.0:5000", "app:app"].',
  },
  stopIgnored: {
    en: "`docker stop` should end the container within {max} s, but it waited the whole grace period ({grace} s), then killed it (exit code {exitCode}): PID 1 (`{pid1}`) ignored SIGTERM. A process running as PID 1 gets no default signal handling: only a program that handles SIGTERM stops. Run a server that does (Gunicorn does), in exec form.",
    fr: "`docker stop` devrait arrêter le conteneur en {max} s au plus, mais il a attendu tout le délai de grâce ({grace} s), puis l'a tué (code de sortie {exitCode}) : le PID 1 (`{pid1}`) a ignoré SIGTERM. Un processus en PID 1 n'a pas de traitement des signaux par défaut : seul un programme qui gère SIGTERM s'arrête. Lancez un serveur qui le gère (Gunicorn le fait), en forme exec.",
  },
  stopBadExit: {
    en: "`docker stop` should end the container with exit code {accepted}, but it ended in {seconds} s with exit code {exitCode}: the app failed while shutting down. Last lines of its logs:\n{logs}",
    fr: "`docker stop` devrait arrêter le conteneur avec le code de sortie {accepted}, mais il s'est terminé en {seconds} s avec le code {exitCode} : l'application a échoué pendant son arrêt. Dernières lignes de ses logs :\n{logs}",
  },
  stopAlreadyExited: {
    en: "The container should still run when `docker stop` is sent, but it had already exited with code {exitCode}. Last lines of its logs:\n{logs}",
    fr: "Le conteneur devrait encore tourner quand `docker stop` est envoyé, mais il s'était déjà arrêté avec le code {exitCode}. Dernières lignes de ses logs :\n{logs}",
  },
  stopOom: {
    en: "The container was killed for using more than its memory limit ({memory} MB), exit code {exitCode}, instead of stopping on SIGTERM. Last lines of its logs:\n{logs}",
    fr: "Le conteneur a été tué pour avoir dépassé sa limite mémoire ({memory} Mo), code de sortie {exitCode}, au lieu de s'arrêter sur SIGTERM. Dernières lignes de ses logs :\n{logs}",
  },
  staysExited: {
    en: "After `docker stop` the container is still there, in state {status} (exit code {exitCode}): `docker ps -a` lists it and `docker start` could restart it; only `docker rm` removes it.",
    fr: "Après `docker stop`, le conteneur est toujours là, à l'état {status} (code de sortie {exitCode}) : `docker ps -a` le liste et `docker start` pourrait le relancer ; seul `docker rm` le supprime.",
  },
  notExited: {
    en: "After `docker stop` the container should be in state exited, but it is {status}.",
    fr: "Après `docker stop`, le conteneur devrait être à l'état exited, mais il est à l'état {status}.",
  },
  vanishedAfterStop: {
    en: "After `docker stop` the container should still exist (state exited), but it is gone: was it started with `--rm` or removed by its own command?",
    fr: "Après `docker stop`, le conteneur devrait encore exister (état exited), mais il a disparu : a-t-il été lancé avec `--rm` ou supprimé par sa propre commande ?",
  },
  portShown: {
    en: "`docker inspect` shows port {port}/tcp published on {mapping}, and the image declares EXPOSE {port}.",
    fr: "`docker inspect` montre le port {port}/tcp publié sur {mapping}, et l'image déclare EXPOSE {port}.",
  },
  portNotExposed: {
    en: "`docker inspect` shows port {port}/tcp published on {mapping}, but the image should declare `EXPOSE {port}` and declares {declared}. Add `EXPOSE {port}` to the Dockerfile so `docker ps` and `docker inspect` document the app's port.",
    fr: "`docker inspect` montre le port {port}/tcp publié sur {mapping}, mais l'image devrait déclarer `EXPOSE {port}` et déclare : {declared}. Ajoutez `EXPOSE {port}` au Dockerfile pour que `docker ps` et `docker inspect` documentent le port de l'application.",
  },
  portNotRunning: {
    en: "`docker inspect` shows a container's published port {port}/tcp only while it runs, but this one had already exited (code {exitCode}): make the app keep running (see the check that calls the API).",
    fr: "`docker inspect` ne montre le port publié {port}/tcp d'un conteneur que pendant qu'il tourne, mais celui-ci s'était déjà arrêté (code {exitCode}) : faites en sorte que l'application reste en marche (voir la vérification qui appelle l'API).",
  },
  portNotPublished: {
    en: "`docker inspect` should show port {port}/tcp published on the host, but shows no mapping for it (harness error if the container was running): grade again.",
    fr: "`docker inspect` devrait montrer le port {port}/tcp publié sur l'hôte, mais n'en montre aucun (erreur du correcteur si le conteneur tournait) : relancez la correction.",
  },
  removed: {
    en: "`docker rm` removed the stopped container: `docker inspect` no longer finds it.",
    fr: "`docker rm` a supprimé le conteneur arrêté : `docker inspect` ne le trouve plus.",
  },
  removeFailed: {
    en: "`docker rm` should remove the stopped container, but failed: {error}.",
    fr: "`docker rm` devrait supprimer le conteneur arrêté, mais a échoué : {error}.",
  },
  stillThere: {
    en: "`docker rm` should remove the stopped container, but `docker inspect` still finds it.",
    fr: "`docker rm` devrait supprimer le conteneur arrêté, mais `docker inspect` le trouve encore.",
  },
} satisfies MessageCatalog;

export type LifecycleMessageId = MessageId<typeof lifecycleMessages>;
