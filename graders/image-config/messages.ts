import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";

/** The image-config grader's messages, one group per sub-check (IC001 expose ... IC005 user). */
export const imageConfigMessages = {
  "expose.ok": {
    en: "The image exposes {port}/tcp (Config.ExposedPorts).",
    fr: "L'image expose {port}/tcp (Config.ExposedPorts).",
  },
  "expose.none": {
    en: "The image should expose {port}/tcp, but it exposes no port (the Dockerfile has no EXPOSE). Add EXPOSE {port} to the Dockerfile (it documents the port that docker run -p publishes).",
    fr: "L'image devrait exposer {port}/tcp, mais elle n'expose aucun port (le Dockerfile n'a pas d'EXPOSE). Ajoutez EXPOSE {port} au Dockerfile (il documente le port que docker run -p publie).",
  },
  "expose.missing": {
    en: "The image should expose {port}/tcp, but Config.ExposedPorts holds {found}. Add EXPOSE {port} to the Dockerfile (it documents the port that docker run -p publishes).",
    fr: "L'image devrait exposer {port}/tcp, mais Config.ExposedPorts contient {found}. Ajoutez EXPOSE {port} au Dockerfile (il documente le port que docker run -p publie).",
  },
  "workdir.ok": {
    en: "The working directory is {workdir} (Config.WorkingDir).",
    fr: "Le dossier de travail est {workdir} (Config.WorkingDir).",
  },
  "workdir.wrong": {
    en: "The working directory should be {workdir}, but the image's is {found}. Add WORKDIR {workdir} before the COPY lines.",
    fr: "Le dossier de travail devrait être {workdir}, mais celui de l'image est {found}. Ajoutez WORKDIR {workdir} avant les lignes COPY.",
  },
  "workdir.none": {
    en: "The image sets no working directory (Config.WorkingDir is empty), so the server starts in / and the files land there. Expected {workdir}: add WORKDIR {workdir} before the COPY lines.",
    fr: "L'image ne définit aucun dossier de travail (Config.WorkingDir est vide) : le serveur démarre dans / et les fichiers y atterrissent. Attendu {workdir} : ajoutez WORKDIR {workdir} avant les lignes COPY.",
  },
  "server.ok": {
    en: "The image starts {program} listening on {found} ({command}).",
    fr: "L'image lance {program} en écoute sur {found} ({command}).",
  },
  "server.okScript": {
    en: "The image runs {command}, as expected.",
    fr: "L'image exécute {command}, comme attendu.",
  },
  "server.noCommand": {
    en: "The image sets no command (Config.Entrypoint and Config.Cmd are both empty), so a container starts nothing. Expected {expected}.",
    fr: "L'image ne définit aucune commande (Config.Entrypoint et Config.Cmd sont vides) : un conteneur ne lance rien. Attendu : {expected}.",
  },
  "server.baseCommand": {
    en: "The image starts {command}, the base image's own command: the Dockerfile sets no CMD, so no server runs. Add {expected}.",
    fr: "L'image lance {command}, la commande de l'image de base : le Dockerfile ne définit pas de CMD, donc aucun serveur ne tourne. Ajoutez {expected}.",
  },
  "server.flaskDev": {
    en: "The image starts Flask's development server ({command}): one process, not made for production. Expected {server}: {expected}.",
    fr: "L'image lance le serveur de développement de Flask ({command}) : un seul processus, non prévu pour la production. Attendu {server} : {expected}.",
  },
  "server.pythonScript": {
    en: "The image runs a Python script ({command}), not {server}: a Flask app started this way is served by app.run(), Flask's development server. Expected: {expected}.",
    fr: "L'image exécute un script Python ({command}), pas {server} : une application Flask lancée ainsi est servie par app.run(), le serveur de développement de Flask. Attendu : {expected}.",
  },
  "server.other": {
    en: "The image starts {command}, not the expected server ({server}). Expected: {expected}.",
    fr: "L'image lance {command}, pas le serveur attendu ({server}). Attendu : {expected}.",
  },
  "server.noBind": {
    en: "{command} gives no address, so {program} listens on its default, {found}: a loopback address, unreachable through docker run -p. Expected {bind}: add {fix}.",
    fr: "{command} ne donne pas d'adresse : {program} écoute alors sur sa valeur par défaut, {found}, une adresse de bouclage injoignable via docker run -p. Attendu {bind} : ajoutez {fix}.",
  },
  "server.loopback": {
    en: "The server listens on {found}, a loopback address reachable only from inside the container: connections through docker run -p cannot reach it. Expected {bind}: use {fix}.",
    fr: "Le serveur écoute sur {found}, une adresse de bouclage joignable seulement depuis l'intérieur du conteneur : les connexions passant par docker run -p ne peuvent pas l'atteindre. Attendu {bind} : utilisez {fix}.",
  },
  "server.wrongHost": {
    en: "The server listens on {found}, expected {bind}. Use {fix}.",
    fr: "Le serveur écoute sur {found}, attendu {bind}. Utilisez {fix}.",
  },
  "server.wrongPort": {
    en: "The server listens on port {foundPort} ({found}) but port {port} is expected (EXPOSE and docker run -p {port}:{port}). Use {fix}.",
    fr: "Le serveur écoute sur le port {foundPort} ({found}) alors que le port {port} est attendu (EXPOSE et docker run -p {port}:{port}). Utilisez {fix}.",
  },
  "server.unreadable": {
    en: "The server's address could not be read from the image ({found}): a variable Docker does not expand in exec form, a configuration file, or not a TCP address. Write the address on the command line: {fix}.",
    fr: "L'adresse du serveur n'a pas pu être lue dans l'image ({found}) : une variable que Docker ne remplace pas en forme exec, un fichier de configuration, ou une adresse non TCP. Écrivez l'adresse sur la ligne de commande : {fix}.",
  },
  "exec.ok": {
    en: "The command is in exec form ({command}): the server runs as PID 1 and receives docker stop's SIGTERM.",
    fr: "La commande est en forme exec ({command}) : le serveur tourne en PID 1 et reçoit le SIGTERM de docker stop.",
  },
  "exec.shellExec": {
    en: "The command goes through a shell ({command}) but the script starts the server with exec, so the server replaces the shell as PID 1 and receives SIGTERM.",
    fr: "La commande passe par un shell ({command}) mais le script lance le serveur avec exec : le serveur remplace le shell en PID 1 et reçoit SIGTERM.",
  },
  "exec.shellForm": {
    en: "The command is in shell form ({command}): Docker runs it through /bin/sh -c. Where that shell stays PID 1 with the server as its child (Debian's sh does), SIGTERM never reaches the server and docker stop ends in a kill after its grace period (exit code 137); the check that stops the container measures what this image does. Write it as a JSON array: {suggestion}.",
    fr: "La commande est en forme shell ({command}) : Docker la lance via /bin/sh -c. Là où ce shell reste PID 1 avec le serveur comme enfant (c'est le cas du sh de Debian), SIGTERM n'atteint jamais le serveur et docker stop finit par tuer le conteneur après son délai de grâce (code de sortie 137) ; la vérification de l'arrêt mesure ce que fait cette image. Écrivez-la en tableau JSON : {suggestion}.",
  },
  "user.ok": {
    en: "The server runs as the non-root user {user} (Config.User).",
    fr: "Le serveur tourne sous l'utilisateur non root {user} (Config.User).",
  },
  "user.root": {
    en: "The server runs as root (Config.User: {user}): a flaw in the application would give root inside the container. Create a user and switch to it, for example RUN useradd --create-home app then USER app.",
    fr: "Le serveur tourne en root (Config.User : {user}) : une faille de l'application donnerait root dans le conteneur. Créez un utilisateur et passez-y, par exemple RUN useradd --create-home app puis USER app.",
  },
  "user.rootInfo": {
    en: "For information: the server runs as root (Config.User: {user}). Not required here; a USER line with an unprivileged user is the safer habit.",
    fr: "Pour information : le serveur tourne en root (Config.User : {user}). Ce n'est pas exigé ici ; une ligne USER avec un utilisateur sans privilèges est une meilleure habitude.",
  },
  "healthcheck.ok": {
    en: "The image declares a HEALTHCHECK ({command}): Docker marks the container healthy or unhealthy.",
    fr: "L'image déclare un HEALTHCHECK ({command}) : Docker marque le conteneur sain (healthy) ou non (unhealthy).",
  },
  "healthcheck.missing": {
    en: 'The image declares no HEALTHCHECK: Docker cannot tell a stuck app from a working one. Add one that calls the app, for example HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:{port}/health\')"].',
    fr: 'L\'image ne déclare aucun HEALTHCHECK : Docker ne distingue pas une application bloquée d\'une application qui marche. Ajoutez-en un qui appelle l\'application, par exemple HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:{port}/health\')"].',
  },
  "healthcheck.disabled": {
    en: "The image switches its HEALTHCHECK off (HEALTHCHECK NONE): Docker cannot tell a stuck app from a working one. Replace it with a HEALTHCHECK that calls the app on port {port}.",
    fr: "L'image désactive son HEALTHCHECK (HEALTHCHECK NONE) : Docker ne distingue pas une application bloquée d'une application qui marche. Remplacez-le par un HEALTHCHECK qui appelle l'application sur le port {port}.",
  },
  nothingToCheck: {
    en: "The rubric selects no sub-check that counts (only `user`, without requireNonRoot): the check cannot give a verdict. Fix the rubric.",
    fr: "Le barème ne retient aucune sous-vérification qui compte (seulement `user`, sans requireNonRoot) : la vérification ne peut rien conclure. Corrigez le barème.",
  },
} satisfies MessageCatalog;

export type ImageConfigMessageId = MessageId<typeof imageConfigMessages>;
