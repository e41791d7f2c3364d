import { type CodeEntry, codeEntry } from "./entry.js";

const fromBuild = (...args: Parameters<typeof codeEntry> extends [string, ...infer R] ? R : never) =>
  codeEntry("build", ...args);

const SMALL = [
  "A small image builds and rebuilds faster.",
  "Une image légère se construit et se reconstruit plus vite.",
] as const;

/** B: the image build (the `build` grader): B001–B008 what happened, B010–B019 the likely cause of a failure. */
export const buildCodes: CodeEntry[] = [
  fromBuild(
    "B001",
    [
      "The image builds; this code names the build step that failed and quotes its output.",
      "L'image se construit ; ce code désigne l'étape du build qui a échoué et cite sa sortie.",
    ],
    [
      "An image that does not build cannot be run or checked further.",
      "Une image qui ne se construit pas ne peut être ni lancée ni vérifiée plus loin.",
    ],
    "RUN pip install -r requirement.txt",
    [
      "Fix that instruction, check with `docker build .`, then commit.",
      "Corrigez cette instruction, vérifiez avec `docker build .`, puis committez.",
    ],
  ),
  fromBuild(
    "B002",
    ["Docker could start the build at all.", "Docker a pu démarrer le build."],
    [
      "Docker refused the Dockerfile before any step ran.",
      "Docker a refusé le Dockerfile avant toute étape.",
    ],
    "FROM\nRUN echo hi",
    [
      "Read Docker's error, fix the Dockerfile, check with `docker build .`.",
      "Lisez l'erreur de Docker, corrigez le Dockerfile, vérifiez avec `docker build .`.",
    ],
  ),
  fromBuild(
    "B003",
    [
      "The build context (what Docker receives) stays under the rubric's size limit.",
      "Le contexte de build (ce que Docker reçoit) reste sous la taille maximale du barème.",
    ],
    [
      "Docker sends the whole context at every build: a .venv or .git makes every build slow.",
      "Docker envoie tout le contexte à chaque build : un .venv ou un .git ralentit chaque build.",
    ],
    ".venv/  (300 MB, no .dockerignore)",
    ["List .venv, .git and caches in .dockerignore.", "Ajoutez .venv, .git et les caches au .dockerignore."],
  ),
  fromBuild(
    "B004",
    [
      "Notes the heaviest folder of a build context that is large but allowed.",
      "Signale le dossier le plus lourd d'un contexte de build volumineux mais accepté.",
    ],
    SMALL,
    "__pycache__/  (2,000 files)",
    ["List that folder in .dockerignore.", "Ajoutez ce dossier au .dockerignore."],
  ),
  fromBuild(
    "B005",
    [
      "The Dockerfile downloads nothing with `ADD <url>`.",
      "Le Dockerfile ne télécharge rien avec `ADD <url>`.",
    ],
    [
      "The grader builds only from your repository and does not fetch URLs during a build.",
      "Le correcteur ne construit qu'à partir de votre dépôt et ne télécharge pas d'URL pendant un build.",
    ],
    "ADD https://example.com/quotes.txt /app/data/",
    ["Commit the file and `COPY` it.", "Committez le fichier et copiez-le avec `COPY`."],
  ),
  fromBuild(
    "B006",
    [
      "Every FROM and `COPY --from` names a public image, not one that exists only on the grading machine.",
      "Chaque FROM et `COPY --from` désigne une image publique, pas une image présente seulement sur la machine de correction.",
    ],
    [
      "Images left on the grading machine belong to other runs; your build must work anywhere.",
      "Les images de la machine de correction appartiennent à d'autres exécutions ; votre build doit marcher partout.",
    ],
    "FROM quotegen:latest",
    [
      "Start from python:3.12-slim (or another public image) and copy your own files.",
      "Partez de python:3.12-slim (ou d'une autre image publique) et copiez vos propres fichiers.",
    ],
  ),
  fromBuild(
    "B007",
    [
      "Images are named in full, not through a build variable.",
      "Les images sont nommées en clair, pas via une variable de build.",
    ],
    [
      "The grader must know which image is used before it starts the build.",
      "Le correcteur doit savoir quelle image est utilisée avant de lancer le build.",
    ],
    "ARG BASE\nFROM $BASE",
    [
      "Write the image's name and tag on the FROM line.",
      "Écrivez le nom et le tag de l'image sur la ligne FROM.",
    ],
  ),
  fromBuild(
    "B008",
    [
      "The build writes no more to disk than the rubric's budget.",
      "Le build n'écrit pas plus sur le disque que le budget du barème.",
    ],
    [
      "Large files written while building (downloads, caches) fill the grading machine and the image.",
      "Les gros fichiers écrits pendant le build (téléchargements, caches) remplissent la machine de correction et l'image.",
    ],
    "RUN dd if=/dev/zero of=/big bs=1M count=5000",
    [
      "Do not create large files while building; install with `pip install --no-cache-dir`.",
      "Ne créez pas de gros fichiers pendant le build ; installez avec `pip install --no-cache-dir`.",
    ],
  ),
  fromBuild(
    "B010",
    [
      "A failed build: a file with a name close to Dockerfile exists, but not `Dockerfile`.",
      "Build échoué : un fichier au nom proche de Dockerfile existe, mais pas `Dockerfile`.",
    ],
    [
      "Docker looks for a file named exactly `Dockerfile`.",
      "Docker cherche un fichier nommé exactement `Dockerfile`.",
    ],
    "Dockerfile.txt",
    [
      "Rename it `Dockerfile` (capital D, no extension).",
      "Renommez-le `Dockerfile` (D majuscule, sans extension).",
    ],
  ),
  fromBuild(
    "B011",
    [
      "A failed build: there is no Dockerfile where the build runs.",
      "Build échoué : il n'y a pas de Dockerfile là où le build s'exécute.",
    ],
    ["Without a Dockerfile Docker has nothing to build.", "Sans Dockerfile Docker n'a rien à construire."],
    "(no Dockerfile beside app.py)",
    [
      "Create the Dockerfile beside app.py and commit it.",
      "Créez le Dockerfile à côté d'app.py et committez-le.",
    ],
  ),
  fromBuild(
    "B012",
    [
      "A failed COPY: the file exists with other upper/lower case letters.",
      "COPY échoué : le fichier existe avec d'autres majuscules/minuscules.",
    ],
    [
      "Names are case-sensitive in a build, even when your computer ignores case.",
      "Les noms respectent la casse dans un build, même si votre ordinateur l'ignore.",
    ],
    "COPY requirements.txt .   (file: Requirements.txt)",
    [
      "Rename the file or fix the COPY so that both match exactly.",
      "Renommez le fichier ou corrigez le COPY pour qu'ils correspondent exactement.",
    ],
  ),
  fromBuild(
    "B013",
    [
      "A failed COPY: the file exists, but .dockerignore excludes it.",
      "COPY échoué : le fichier existe, mais le .dockerignore l'exclut.",
    ],
    [
      "Docker never receives an excluded file, so COPY cannot find it.",
      "Docker ne reçoit jamais un fichier exclu : COPY ne peut donc pas le trouver.",
    ],
    ".dockerignore: *.txt\nCOPY requirements.txt .",
    [
      "Remove the pattern that matches it from .dockerignore.",
      "Retirez du .dockerignore le motif qui l'exclut.",
    ],
  ),
  fromBuild(
    "B014",
    [
      "A failed COPY: the file is not in the build context.",
      "COPY échoué : le fichier n'est pas dans le contexte de build.",
    ],
    [
      "COPY paths are relative to the Dockerfile's folder and only reach committed files.",
      "Les chemins de COPY sont relatifs au dossier du Dockerfile et n'atteignent que les fichiers committés.",
    ],
    "COPY src/app.py .   (app.py is at the root)",
    ["Commit the file, or fix the path in COPY.", "Committez le fichier, ou corrigez le chemin dans COPY."],
  ),
  fromBuild(
    "B015",
    [
      "A failed pip install: requirements.txt was never copied into the image.",
      "pip install échoué : requirements.txt n'a jamais été copié dans l'image.",
    ],
    [
      "RUN runs inside the image, which only holds what was copied before it.",
      "RUN s'exécute dans l'image, qui ne contient que ce qui a été copié avant.",
    ],
    "RUN pip install -r requirements.txt   (no COPY before)",
    ["Add `COPY requirements.txt .` before that RUN.", "Ajoutez `COPY requirements.txt .` avant ce RUN."],
  ),
  fromBuild(
    "B016",
    [
      "A failed pip install: a package could not be downloaded.",
      "pip install échoué : un paquet n'a pas pu être téléchargé.",
    ],
    [
      "A misspelt name or a version that does not exist for this Python stops the build.",
      "Un nom mal écrit ou une version inexistante pour ce Python arrête le build.",
    ],
    "flask==99.0",
    [
      "Check the names and versions in requirements.txt.",
      "Vérifiez les noms et versions dans requirements.txt.",
    ],
  ),
  fromBuild(
    "B017",
    [
      "A failed pip install: the system Python refuses packages (externally-managed-environment).",
      "pip install échoué : le Python du système refuse les paquets (externally-managed-environment).",
    ],
    [
      "Debian and Ubuntu images protect their own Python; the official python images do not.",
      "Les images Debian et Ubuntu protègent leur Python ; les images python officielles non.",
    ],
    "FROM debian:bookworm\nRUN pip install flask",
    [
      "Start FROM python:3.12-slim, or use a virtual environment.",
      "Partez de python:3.12-slim, ou utilisez un environnement virtuel.",
    ],
  ),
  fromBuild(
    "B018",
    [
      "A failed build: Docker cannot read a line of the Dockerfile.",
      "Build échoué : Docker ne sait pas lire une ligne du Dockerfile.",
    ],
    [
      "One unknown instruction stops the whole build.",
      "Une seule instruction inconnue arrête tout le build.",
    ],
    "COPPY . .",
    [
      "Fix the spelling of the instruction on that line.",
      "Corrigez l'orthographe de l'instruction sur cette ligne.",
    ],
  ),
  fromBuild(
    "B019",
    [
      "A failed build: the base image could not be obtained.",
      "Build échoué : l'image de base n'a pas pu être obtenue.",
    ],
    [
      "A misspelt image or tag does not exist in the registry.",
      "Une image ou un tag mal écrit n'existe pas dans le registre.",
    ],
    "FROM pyhton:3.12-slim",
    ["Check the name and tag on the FROM line.", "Vérifiez le nom et le tag sur la ligne FROM."],
  ),
];
