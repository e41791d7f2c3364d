import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";

/** The build grader's messages: outcomes first, then the hints that explain a failure. */
export const buildMessages = {
  built: {
    en: "The image builds in {seconds} s: {size}, image {imageId}; the build context sent {files} files ({contextSize}).",
    fr: "L'image se construit en {seconds} s : {size}, image {imageId} ; le contexte de build a envoyé {files} fichiers ({contextSize}).",
  },
  heavyContext: {
    en: "The build context holds {files} files ({contextSize}), {largest} alone {largestFiles} files ({largestSize}): Docker sends all of it at every build. List {largest} in .dockerignore.",
    fr: "Le contexte de build contient {files} fichiers ({contextSize}), dont {largestFiles} fichiers ({largestSize}) pour {largest} seul : Docker envoie tout cela à chaque build. Ajoutez {largest} au .dockerignore.",
  },
  stepFailed: {
    en: "The image should build, but step {step}/{total} `{instruction}` failed: {error}\nLast lines of its output:\n{output}\nFix this instruction, check with `docker build .`, then commit.",
    fr: "L'image devrait se construire, mais l'étape {step}/{total} `{instruction}` a échoué : {error}\nDernières lignes de sa sortie :\n{output}\nCorrigez cette instruction, vérifiez avec `docker build .`, puis committez.",
  },
  stepFailedQuiet: {
    en: "The image should build, but step {step}/{total} `{instruction}` failed: {error}. Fix this instruction, check with `docker build .`, then commit.",
    fr: "L'image devrait se construire, mais l'étape {step}/{total} `{instruction}` a échoué : {error}. Corrigez cette instruction, vérifiez avec `docker build .`, puis committez.",
  },
  buildFailed: {
    en: "The image should build, but Docker refused to start the build: {error}. Fix the Dockerfile, check with `docker build .`, then commit.",
    fr: "L'image devrait se construire, mais Docker a refusé de lancer le build : {error}. Corrigez le Dockerfile, vérifiez avec `docker build .`, puis committez.",
  },
  contextTooLarge: {
    en: "The build context should stay under {max}, but it holds more ({contextSize} in {files} files counted before stopping; {largest} weighs most). List heavy folders that the image does not need (.venv, .git, __pycache__) in .dockerignore.",
    fr: "Le contexte de build devrait rester sous {max}, mais il en contient davantage ({contextSize} dans {files} fichiers comptés avant l'arrêt ; {largest} pèse le plus). Listez dans le .dockerignore les dossiers lourds dont l'image n'a pas besoin (.venv, .git, __pycache__).",
  },
  timedOut: {
    en: "The image build did not finish within {seconds} s; step {step}/{total} `{instruction}` was still running. Last lines:\n{output}\nA step that never ends (a server started by RUN, a prompt waiting for an answer) is the usual cause; if the build is only slow, the rubric's build timeout may need raising.",
    fr: "Le build de l'image n'a pas abouti en {seconds} s ; l'étape {step}/{total} `{instruction}` tournait encore. Dernières lignes :\n{output}\nUne étape qui ne se termine jamais (un serveur lancé par RUN, une question qui attend une réponse) en est la cause habituelle ; si le build est seulement lent, le délai de build du barème est peut-être à augmenter.",
  },
  timedOutEarly: {
    en: "The image build did not finish within {seconds} s, before any step ran (the engine may be overloaded). Grade again; if it keeps happening, raise the rubric's build timeout.",
    fr: "Le build de l'image n'a pas abouti en {seconds} s, avant même la première étape (le moteur est peut-être surchargé). Relancez la correction ; si cela se reproduit, augmentez le délai de build du barème.",
  },
  engineFailed: {
    en: "The Docker engine failed during the build: {error}. This is not a problem with your work: grade again once Docker runs normally.",
    fr: "Le moteur Docker a échoué pendant le build : {error}. Votre travail n'est pas en cause : relancez la correction quand Docker fonctionne normalement.",
  },
  aborted: {
    en: "The build was stopped before it ended because the grading run was interrupted. Grade again.",
    fr: "Le build a été arrêté avant la fin car la correction a été interrompue. Relancez la correction.",
  },
  noSession: {
    en: "No Docker session was given to the build check: this is a dockgrade problem, report it.",
    fr: "Aucune session Docker n'a été fournie à la vérification du build : le problème vient de dockgrade, signalez-le.",
  },
  hintRenameDockerfile: {
    en: "Docker looks for a file named exactly `Dockerfile` in {where}, and found {found} instead. Rename it to `Dockerfile` (capital D, no extension).",
    fr: "Docker cherche un fichier nommé exactement `Dockerfile` dans {where} et a trouvé {found} à la place. Renommez-le en `Dockerfile` (D majuscule, sans extension).",
  },
  hintAddDockerfile: {
    en: "There is no `Dockerfile` in {where}. Create it there (beside app.py) and commit it.",
    fr: "Il n'y a pas de `Dockerfile` dans {where}. Créez-le à cet endroit (à côté d'app.py) et committez-le.",
  },
  hintParseError: {
    en: "Docker cannot read line {line} of the Dockerfile ({detail}). Check the spelling of the instruction on that line.",
    fr: "Docker ne sait pas lire la ligne {line} du Dockerfile ({detail}). Vérifiez l'orthographe de l'instruction de cette ligne.",
  },
  hintCopyCase: {
    en: "COPY asks for {wanted}, but the folder holds {found}: names are case-sensitive in a build. Rename the file (or fix the COPY) so that both match exactly.",
    fr: "COPY demande {wanted}, mais le dossier contient {found} : les noms respectent la casse dans un build. Renommez le fichier (ou corrigez le COPY) pour qu'ils correspondent exactement.",
  },
  hintCopyIgnored: {
    en: "{wanted} exists, but .dockerignore excludes it, so Docker never receives it. Remove the pattern that matches it from .dockerignore.",
    fr: "{wanted} existe, mais le .dockerignore l'exclut : Docker ne le reçoit donc jamais. Retirez du .dockerignore le motif qui l'exclut.",
  },
  hintCopyMissing: {
    en: "{wanted} is not in the build context ({where}). Add and commit it, or fix the path in COPY (paths are relative to the Dockerfile's folder).",
    fr: "{wanted} n'est pas dans le contexte de build ({where}). Ajoutez-le et committez-le, ou corrigez le chemin du COPY (les chemins partent du dossier du Dockerfile).",
  },
  hintRequirementsNotCopied: {
    en: "pip cannot find {file} inside the image: it was never copied there. Add `COPY {file} .` before this RUN.",
    fr: "pip ne trouve pas {file} dans l'image : il n'y a jamais été copié. Ajoutez `COPY {file} .` avant ce RUN.",
  },
  hintPipNetwork: {
    en: "pip could not get a package ({detail}): the name or the pinned version may not exist for this Python, or the build machine cannot reach PyPI (offline, proxy). Check the names and versions in requirements.txt.",
    fr: "pip n'a pas pu obtenir un paquet ({detail}) : le nom ou la version épinglée n'existe peut-être pas pour ce Python, ou la machine de build n'atteint pas PyPI (hors ligne, proxy). Vérifiez les noms et versions de requirements.txt.",
  },
  hintPipManaged: {
    en: "pip refuses to install into the system Python (externally-managed-environment). Start FROM an official python image (python:3.12-slim), or create a virtual environment in the image.",
    fr: "pip refuse d'installer dans le Python du système (externally-managed-environment). Partez d'une image python officielle (python:3.12-slim), ou créez un environnement virtuel dans l'image.",
  },
  hintBaseImage: {
    en: "The registry answered that there is no image {image} ({detail}). Check the name and tag on the FROM line (the course uses python:3.12-slim).",
    fr: "Le registre a répondu qu'il n'existe pas d'image {image} ({detail}). Vérifiez le nom et le tag de la ligne FROM (le cours utilise python:3.12-slim).",
  },
  hintBaseImageInvalid: {
    en: "Docker cannot read {image} as an image name ({detail}). Image names are written in lowercase with the tag after a colon, for example python:3.12-slim: fix the FROM line.",
    fr: "Docker ne sait pas lire {image} comme nom d'image ({detail}). Un nom d'image s'écrit en minuscules, avec le tag après deux-points, par exemple python:3.12-slim : corrigez la ligne FROM.",
  },
  baseImageDigest: {
    en: "Built from {image}, digest {digest} (image {imageId}).",
    fr: "Construite à partir de {image}, digest {digest} (image {imageId}).",
  },
  baseImageLocal: {
    en: "Built from {image}, image {imageId}, present on the engine without a registry digest (built or loaded locally).",
    fr: "Construite à partir de {image}, image {imageId}, présente sur le moteur sans digest de registre (construite ou chargée localement).",
  },
  pullDns: {
    en: "Not checked: the base image {image} could not be pulled because the engine could not resolve the registry's name, {host} ({error}). This is not a fault of the submission. Instructor: pull {image} on the grading machine beforehand (or `docker load` it), or give the engine a registry mirror it can resolve, then grade again.",
    fr: "Non vérifié : l'image de base {image} n'a pas pu être téléchargée, car le moteur n'a pas pu résoudre le nom du registre, {host} ({error}). Le rendu n'est pas en cause. Enseignant : téléchargez {image} à l'avance sur la machine de correction (ou chargez-la avec `docker load`), ou donnez au moteur un miroir de registre qu'il peut résoudre, puis relancez la correction.",
  },
  pullUnreachable: {
    en: "Not checked: the base image {image} could not be pulled because the engine could not connect to {host} ({error}). This is not a fault of the submission. Instructor: pull {image} on the grading machine beforehand, or set the Docker daemon's proxy or a registry mirror, then grade again.",
    fr: "Non vérifié : l'image de base {image} n'a pas pu être téléchargée, car le moteur n'a pas pu se connecter à {host} ({error}). Le rendu n'est pas en cause. Enseignant : téléchargez {image} à l'avance sur la machine de correction, ou configurez le proxy du démon Docker ou un miroir de registre, puis relancez la correction.",
  },
  pullRateLimit: {
    en: "Not checked: the registry refused to send the base image {image} because its pull rate limit was reached ({error}). This is not a fault of the submission. Instructor: pull the course's base images once before grading a class, log the engine in (`docker login`) or use a registry mirror, then grade again.",
    fr: "Non vérifié : le registre a refusé d'envoyer l'image de base {image}, car sa limite de téléchargements est atteinte ({error}). Le rendu n'est pas en cause. Enseignant : téléchargez une fois les images de base du cours avant de corriger une classe, connectez le moteur au registre (`docker login`) ou utilisez un miroir, puis relancez la correction.",
  },
  pullAuth: {
    en: "Not checked: the registry asked for credentials to send the base image {image} ({error}). This is not a fault of the submission if the image is public. Instructor: log the engine in to that registry (`docker login`) or pull {image} beforehand, then grade again.",
    fr: "Non vérifié : le registre a demandé des identifiants pour envoyer l'image de base {image} ({error}). Si l'image est publique, le rendu n'est pas en cause. Enseignant : connectez le moteur à ce registre (`docker login`) ou téléchargez {image} à l'avance, puis relancez la correction.",
  },
  pullRegistry: {
    en: "Not checked: the registry failed while sending the base image {image} ({error}). This is not a fault of the submission. Grade again later, or pull {image} beforehand.",
    fr: "Non vérifié : le registre a échoué en envoyant l'image de base {image} ({error}). Le rendu n'est pas en cause. Relancez la correction plus tard, ou téléchargez {image} à l'avance.",
  },
  pullNotPresent: {
    en: "Not checked: the base image {image} is not on the engine, and the pull policy `never` forbids pulling it. Instructor: pull it beforehand (`docker pull {image}`), or grade with `--pull missing`.",
    fr: "Non vérifié : l'image de base {image} n'est pas sur le moteur, et la politique `--pull never` interdit de la télécharger. Enseignant : téléchargez-la à l'avance (`docker pull {image}`), ou corrigez avec `--pull missing`.",
  },
  pullUnknown: {
    en: "Not checked: the base image {image} could not be pulled ({error}), for a reason that does not say the image is missing. Instructor: run `docker pull {image}` on the grading machine to see why, fix that, then grade again.",
    fr: "Non vérifié : l'image de base {image} n'a pas pu être téléchargée ({error}), pour une raison qui ne dit pas que l'image manque. Enseignant : lancez `docker pull {image}` sur la machine de correction pour voir pourquoi, corrigez, puis relancez la correction.",
  },
  refusedAddUrl: {
    en: "The build should only use files from your repository, but line {line} (`ADD {source}`) downloads a file while the image is built. The grader does not fetch URLs during a build, so it was not started. Put the file in your repository and use `COPY`, or install packages with pip in a `RUN` step.",
    fr: "Le build ne devrait utiliser que des fichiers de votre dépôt, mais la ligne {line} (`ADD {source}`) télécharge un fichier pendant la construction de l'image. Le correcteur ne télécharge rien pendant un build : il n'a donc pas été lancé. Placez le fichier dans votre dépôt et utilisez `COPY`, ou installez les paquets avec pip dans une étape `RUN`.",
  },
  refusedLocalImage: {
    en: "The build should start from a public image, but line {line} (`{instruction} {source}`) uses an image that exists only on the grading machine, so the build was not started. Start from {allowed} or another public image, and copy only from your own build stages (`COPY --from=<stage name>`).",
    fr: "Le build devrait partir d'une image publique, mais la ligne {line} (`{instruction} {source}`) utilise une image qui n'existe que sur la machine de correction : le build n'a donc pas été lancé. Partez de {allowed} ou d'une autre image publique, et ne copiez que depuis vos propres étapes de build (`COPY --from=<nom de l'étape>`).",
  },
  refusedUnresolvedImage: {
    en: "The build should name its images in full, but line {line} (`{instruction} {source}`) names one through a variable, so the grader cannot tell which image it is and did not start the build. Write the image's name and tag on that line.",
    fr: "Le build devrait nommer ses images en entier, mais la ligne {line} (`{instruction} {source}`) en désigne une par une variable : le correcteur ne peut pas savoir de quelle image il s'agit et n'a pas lancé le build. Écrivez le nom et le tag de l'image sur cette ligne.",
  },
  diskExceeded: {
    en: "The build should write at most {budget} to disk, but it had written {used} when step {step}/{total} `{instruction}` was stopped. Do not create large files while building (downloads, generated data, caches): install with `pip install --no-cache-dir` and delete temporary files in the same `RUN`.",
    fr: "Le build devrait écrire au plus {budget} sur le disque, mais il en avait écrit {used} quand l'étape {step}/{total} `{instruction}` a été arrêtée. Ne créez pas de gros fichiers pendant le build (téléchargements, données générées, caches) : installez avec `pip install --no-cache-dir` et supprimez les fichiers temporaires dans le même `RUN`.",
  },
  diskExceededEnd: {
    en: "The build should write at most {budget} to disk, but its layers hold {used}. Do not create large files while building (downloads, generated data, caches): install with `pip install --no-cache-dir` and delete temporary files in the same `RUN`.",
    fr: "Le build devrait écrire au plus {budget} sur le disque, mais ses couches en contiennent {used}. Ne créez pas de gros fichiers pendant le build (téléchargements, données générées, caches) : installez avec `pip install --no-cache-dir` et supprimez les fichiers temporaires dans le même `RUN`.",
  },
} satisfies MessageCatalog;

export type BuildMessageId = MessageId<typeof buildMessages>;
