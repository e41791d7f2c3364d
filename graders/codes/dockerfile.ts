import type { CodeEntry } from "./entry.js";

/** DF: rules on the Dockerfile as written (the `dockerfile` grader), in code order. */
export const dockerfileCodes: CodeEntry[] = [
  {
    code: "DF000",
    grader: "dockerfile",
    checks: {
      en: "There is a Dockerfile that Docker can read: present, named exactly, not empty, valid instructions, a FROM.",
      fr: "Il existe un Dockerfile que Docker peut lire : présent, au nom exact, non vide, aux instructions valides, avec un FROM.",
    },
    why: {
      en: "Without a readable Dockerfile nothing can be built, so the other rules are not checked one by one.",
      fr: "Sans Dockerfile lisible rien ne se construit : les autres règles ne sont donc pas vérifiées une à une.",
    },
    example: "dockerfile   (lower-case d)\nFORM python:3.12-slim",
    fix: {
      en: "Name the file `Dockerfile` beside app.py, start it with FROM and spell each instruction as Docker does.",
      fr: "Nommez le fichier `Dockerfile` à côté d'app.py, commencez-le par FROM et écrivez chaque instruction comme Docker l'attend.",
    },
  },
  {
    code: "DF001",
    grader: "dockerfile",
    checks: {
      en: "The final image starts FROM the expected base image and tag (python:3.12-slim in the course).",
      fr: "L'image finale part de l'image de base et du tag attendus (python:3.12-slim dans le cours).",
    },
    why: {
      en: "`latest` or no tag changes with every release: two builds may not get the same Python.",
      fr: "`latest` ou l'absence de tag change à chaque version : deux builds peuvent ne pas avoir le même Python.",
    },
    example: "FROM python:latest",
    fix: {
      en: "Write the expected image and tag: `FROM python:3.12-slim`.",
      fr: "Écrivez l'image et le tag attendus : `FROM python:3.12-slim`.",
    },
  },
  {
    code: "DF002",
    grader: "dockerfile",
    checks: {
      en: "WORKDIR sets the expected folder before the first COPY.",
      fr: "WORKDIR fixe le dossier attendu avant le premier COPY.",
    },
    why: {
      en: "Without it files land in `/`, mixed with the system's, and relative paths are unclear.",
      fr: "Sans lui les fichiers arrivent dans `/`, mêlés à ceux du système, et les chemins relatifs sont flous.",
    },
    example: "COPY . .\nWORKDIR /app",
    fix: { en: "Put `WORKDIR /app` before any COPY.", fr: "Placez `WORKDIR /app` avant tout COPY." },
  },
  {
    code: "DF003",
    grader: "dockerfile",
    checks: {
      en: "requirements.txt is copied alone and installed before the rest of the code is copied.",
      fr: "requirements.txt est copié seul et installé avant que le reste du code soit copié.",
    },
    why: {
      en: "Docker then reuses the cached dependency layer when only the code changes: rebuilds take seconds.",
      fr: "Docker réutilise alors la couche des dépendances en cache quand seul le code change : le rebuild prend quelques secondes.",
    },
    example: "COPY . .\nRUN pip install -r requirements.txt",
    fix: {
      en: "`COPY requirements.txt .`, then `RUN pip install …`, then `COPY . .`.",
      fr: "`COPY requirements.txt .`, puis `RUN pip install …`, puis `COPY . .`.",
    },
  },
  {
    code: "DF004",
    grader: "dockerfile",
    checks: {
      en: "pip keeps no download cache in the image.",
      fr: "pip ne garde aucun cache de téléchargement dans l'image.",
    },
    why: {
      en: "The cache is never used again in the image and can add tens of megabytes.",
      fr: "Le cache ne resservira jamais dans l'image et peut ajouter des dizaines de mégaoctets.",
    },
    example: "RUN pip install -r requirements.txt",
    fix: {
      en: "`RUN pip install --no-cache-dir -r requirements.txt` (or set PIP_NO_CACHE_DIR=1).",
      fr: "`RUN pip install --no-cache-dir -r requirements.txt` (ou définissez PIP_NO_CACHE_DIR=1).",
    },
  },
  {
    code: "DF005",
    grader: "dockerfile",
    checks: {
      en: "EXPOSE declares the port the server listens on (5000).",
      fr: "EXPOSE déclare le port d'écoute du serveur (5000).",
    },
    why: {
      en: "It documents the port for whoever runs the image, and `docker run -P` publishes it.",
      fr: "Il documente le port pour qui lance l'image, et `docker run -P` le publie.",
    },
    example: "EXPOSE 8000",
    fix: { en: "Write `EXPOSE 5000`.", fr: "Écrivez `EXPOSE 5000`." },
  },
  {
    code: "DF006",
    grader: "dockerfile",
    checks: {
      en: "The CMD and ENTRYPOINT that take effect are in JSON exec form.",
      fr: "Le CMD et l'ENTRYPOINT effectifs sont en forme exec JSON.",
    },
    why: {
      en: "In shell form `sh` is PID 1 and does not pass SIGTERM on: `docker stop` waits 10 s then kills the app.",
      fr: "En forme shell, `sh` est le PID 1 et ne transmet pas SIGTERM : `docker stop` attend 10 s puis tue l'application.",
    },
    example: "CMD gunicorn -b 0.0.0.0:5000 app:app",
    fix: {
      en: 'Write `CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:app"]`.',
      fr: 'Écrivez `CMD ["gunicorn", "-b", "0.0.0.0:5000", "app:app"]`.',
    },
  },
  {
    code: "DF007",
    grader: "dockerfile",
    checks: {
      en: "The container starts Gunicorn (not Flask's development server) bound to 0.0.0.0:5000.",
      fr: "Le conteneur lance Gunicorn (pas le serveur de développement de Flask) lié à 0.0.0.0:5000.",
    },
    why: {
      en: "127.0.0.1 inside a container is unreachable from outside it; the development server is not made for real use.",
      fr: "127.0.0.1 dans un conteneur est injoignable de l'extérieur ; le serveur de développement n'est pas fait pour un vrai usage.",
    },
    example: 'CMD ["flask", "run"]',
    fix: {
      en: "Start `gunicorn -b 0.0.0.0:5000 app:app` in exec form.",
      fr: "Lancez `gunicorn -b 0.0.0.0:5000 app:app` en forme exec.",
    },
  },
  {
    code: "DF008",
    grader: "dockerfile",
    checks: {
      en: "The build has several stages and the final image copies what it needs from a build stage (`COPY --from`).",
      fr: "Le build a plusieurs étapes et l'image finale copie ce dont elle a besoin depuis une étape de build (`COPY --from`).",
    },
    why: {
      en: "Build tools and caches stay in the build stage: the final image is smaller and holds less to attack.",
      fr: "Les outils et caches de build restent dans l'étape de build : l'image finale est plus petite et offre moins de prise.",
    },
    example: "FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt",
    fix: {
      en: "Add a `FROM … AS build` stage that installs, then `COPY --from=build` only the result into the final stage.",
      fr: "Ajoutez une étape `FROM … AS build` qui installe, puis `COPY --from=build` du seul résultat dans l'étape finale.",
    },
  },
];
