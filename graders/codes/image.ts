import { type CodeEntry, codeEntry } from "./entry.js";

/** IC, IS, LY: the built image's configuration (`image-config`), size (`image-size`) and layers (`layers`). */
export const imageCodes: CodeEntry[] = [
  codeEntry(
    "image-config",
    "IC001",
    ["The built image exposes the app's port.", "L'image construite expose le port de l'application."],
    [
      "What counts is the image as built: an EXPOSE lost in a stage or overridden does not show.",
      "Seule compte l'image construite : un EXPOSE perdu dans une étape ou écrasé n'y figure pas.",
    ],
    "docker image inspect → ExposedPorts: {}",
    [
      "Add `EXPOSE 5000` to the final stage and rebuild.",
      "Ajoutez `EXPOSE 5000` à l'étape finale et reconstruisez.",
    ],
  ),
  codeEntry(
    "image-config",
    "IC002",
    [
      "The built image's working folder is the expected one.",
      "Le dossier de travail de l'image construite est celui attendu.",
    ],
    [
      "The app and its relative paths are found from there.",
      "L'application et ses chemins relatifs sont trouvés à partir de là.",
    ],
    'docker image inspect → WorkingDir: ""',
    ["Set `WORKDIR /app` in the final stage.", "Fixez `WORKDIR /app` dans l'étape finale."],
  ),
  codeEntry(
    "image-config",
    "IC003",
    [
      "The image's command starts the expected server on the expected address.",
      "La commande de l'image lance le serveur attendu sur l'adresse attendue.",
    ],
    [
      "A server bound to 127.0.0.1, or Flask's development server, does not serve outside the container as it should.",
      "Un serveur lié à 127.0.0.1, ou le serveur de développement de Flask, ne sert pas hors du conteneur comme il faut.",
    ],
    'Cmd: ["python", "app.py"]',
    [
      "Make the command `gunicorn -b 0.0.0.0:5000 app:app`.",
      "Faites de la commande `gunicorn -b 0.0.0.0:5000 app:app`.",
    ],
  ),
  codeEntry(
    "image-config",
    "IC004",
    [
      "The image's command is in exec form (no `/bin/sh -c`).",
      "La commande de l'image est en forme exec (sans `/bin/sh -c`).",
    ],
    [
      "With a shell as PID 1, `docker stop` does not reach the app, which is killed after 10 s.",
      "Avec un shell en PID 1, `docker stop` n'atteint pas l'application, tuée au bout de 10 s.",
    ],
    'Cmd: ["/bin/sh", "-c", "gunicorn app:app"]',
    ["Write CMD as a JSON list.", "Écrivez CMD sous forme de liste JSON."],
  ),
  codeEntry(
    "image-config",
    "IC005",
    [
      "The image runs as a non-root user, when the rubric asks for it.",
      "L'image tourne sous un utilisateur non root, quand le barème le demande.",
    ],
    [
      "A process running as root gives an attacker more power if the app is broken into.",
      "Un processus root donne plus de pouvoir à un attaquant si l'application est compromise.",
    ],
    'docker image inspect → User: ""',
    [
      "Create a user and switch to it: `RUN useradd -m app` then `USER app`.",
      "Créez un utilisateur et passez-y : `RUN useradd -m app` puis `USER app`.",
    ],
  ),
  codeEntry(
    "image-config",
    "IC006",
    [
      "The image declares a HEALTHCHECK, when the rubric asks for it.",
      "L'image déclare un HEALTHCHECK, quand le barème le demande.",
    ],
    [
      "Docker (and orchestrators) can then tell a container that runs from one that answers.",
      "Docker (et les orchestrateurs) distinguent alors un conteneur qui tourne d'un conteneur qui répond.",
    ],
    "docker image inspect → Healthcheck: null",
    [
      "Add `HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health')\"`.",
      "Ajoutez `HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health')\"`.",
    ],
  ),
  codeEntry(
    "image-size",
    "IS001",
    [
      "The whole image stays under the rubric's size, with its tolerance.",
      "L'image entière reste sous la taille du barème, tolérance comprise.",
    ],
    [
      "Big images are slow to push, pull and start.",
      "Les grosses images sont lentes à pousser, à tirer et à démarrer.",
    ],
    "FROM python:3.12   (about 1 GB)",
    [
      "Start FROM a slim base and keep pip's --no-cache-dir.",
      "Partez d'une base slim et gardez --no-cache-dir pour pip.",
    ],
  ),
  codeEntry(
    "image-size",
    "IS002",
    [
      "What your layers add to the base image stays under the rubric's limit.",
      "Ce que vos couches ajoutent à l'image de base reste sous la limite du barème.",
    ],
    [
      "It measures your own choices, whatever base you start from.",
      "Cela mesure vos propres choix, quelle que soit la base de départ.",
    ],
    "COPY . .   (with .venv and .git inside)",
    [
      "Copy only what the app needs; no caches, no build tools left behind.",
      "Copiez seulement ce dont l'application a besoin ; ni caches, ni outils de build laissés.",
    ],
  ),
  codeEntry(
    "layers",
    "LY001",
    [
      "Lists the heaviest layers of the image (information).",
      "Liste les couches les plus lourdes de l'image (information).",
    ],
    [
      "Knowing where the size goes is the first step to a smaller image.",
      "Savoir où part la taille est le premier pas vers une image plus légère.",
    ],
    "docker history quotegen:1.1.0",
    [
      "Nothing to fix; compare with your own `docker history`.",
      "Rien à corriger ; comparez avec votre propre `docker history`.",
    ],
  ),
  codeEntry(
    "layers",
    "LY002",
    [
      "A layer the rubric expects to be heavy (the base, pip install) is among the heaviest.",
      "Une couche que le barème attend lourde (la base, pip install) est parmi les plus lourdes.",
    ],
    [
      "If it is missing, the instruction that should create it is missing or does something else.",
      "Si elle manque, l'instruction qui devrait la créer manque ou fait autre chose.",
    ],
    "(no RUN pip install in the Dockerfile)",
    ["Add the missing instruction to the Dockerfile.", "Ajoutez l'instruction manquante au Dockerfile."],
  ),
  codeEntry(
    "layers",
    "LY003",
    [
      "A layer the rubric expects to stay light (COPY of the code) stays under its limit.",
      "Une couche que le barème attend légère (COPY du code) reste sous sa limite.",
    ],
    [
      "A heavy code layer means it copies more than the app: .venv, .git, caches.",
      "Une couche de code lourde signifie qu'elle copie plus que l'application : .venv, .git, caches.",
    ],
    "COPY . .   (120 MB)",
    [
      "Copy only the needed files and fill in .dockerignore.",
      "Copiez seulement les fichiers utiles et complétez le .dockerignore.",
    ],
  ),
];
