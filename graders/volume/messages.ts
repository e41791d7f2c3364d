import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import { startMessages } from "../kit/app/start-messages.js";

/** The volume grader's messages: starting (shared with http), then its four parts. */
export const volumeMessages = {
  ...startMessages,
  noWeight: {
    en: "Every part of this check has weight 0: give at least one of mask, live, namedVolume, appMasked a weight (rubric error).",
    fr: "Toutes les parties de cette vérification ont un poids nul : donnez un poids à au moins l'une de mask, live, namedVolume, appMasked (erreur du barème).",
  },
  maskServed: {
    en: "With a host file holding one line bind-mounted read-only over {target}, {method} {path} served that line: the mount masks the copy baked into the image.",
    fr: "Avec un fichier de l'hôte contenant une seule ligne monté en lecture seule sur {target}, {method} {path} a servi cette ligne : le montage masque la copie intégrée à l'image.",
  },
  maskServedImageCopy: {
    en: 'With a host file holding only "{probe}" bind-mounted over {target}, {method} {path} should serve that line, but served {found}, a line of the copy baked into the image: the app does not read {target}. Read the quotes from data/quotes.txt next to app.py (the folder the Dockerfile copies them to), at every request.',
    fr: "Avec un fichier de l'hôte ne contenant que « {probe} » monté sur {target}, {method} {path} devrait servir cette ligne, mais a servi {found}, une ligne de la copie intégrée à l'image : l'application ne lit pas {target}. Lisez les citations dans data/quotes.txt à côté de app.py (là où le Dockerfile les copie), à chaque requête.",
  },
  maskNotServed: {
    en: 'With a host file holding only "{probe}" bind-mounted over {target}, {method} {path} should serve that line, but served {found}. The app must read {target} at every request and serve one of its lines.',
    fr: "Avec un fichier de l'hôte ne contenant que « {probe} » monté sur {target}, {method} {path} devrait servir cette ligne, mais a servi {found}. L'application doit lire {target} à chaque requête et en servir une ligne.",
  },
  liveServed: {
    en: "After the host file changed, {method} {path} served the new line at once, without rebuild or restart: a bind mount shows the host's file as it is now.",
    fr: "Après modification du fichier de l'hôte, {method} {path} a aussitôt servi la nouvelle ligne, sans rebuild ni redémarrage : un bind mount montre le fichier de l'hôte tel qu'il est.",
  },
  liveStale: {
    en: 'After the host file changed to "{probe}", {method} {path} should serve it without restart, but still served the old line "{old}": the app reads the file once, at start. Read {target} inside the route, at every request.',
    fr: "Après le remplacement du contenu du fichier de l'hôte par « {probe} », {method} {path} devrait le servir sans redémarrage, mais a encore servi l'ancienne ligne « {old} » : l'application ne lit le fichier qu'une fois, au démarrage. Lisez {target} dans la route, à chaque requête.",
  },
  liveNotServed: {
    en: 'After the host file changed to "{probe}", {method} {path} should serve it without restart, but served {found}. The app must read {target} at every request.',
    fr: "Après le remplacement du contenu du fichier de l'hôte par « {probe} », {method} {path} devrait le servir sans redémarrage, mais a servi {found}. L'application doit lire {target} à chaque requête.",
  },
  liveNotJudged: {
    en: "Not judged: the app did not serve the mounted file in the first place (see above).",
    fr: "Non évalué : l'application n'a déjà pas servi le fichier monté (voir plus haut).",
  },
  volumeKept: {
    en: "A file written into a named volume mounted on {target} was still there in a new container after the first was removed: a named volume outlives its containers.",
    fr: "Un fichier écrit dans un volume nommé monté sur {target} était toujours là dans un nouveau conteneur après la suppression du premier : un volume nommé survit à ses conteneurs.",
  },
  volumeLost: {
    en: 'A file written into a named volume mounted on {target} should be there in a new container, but reading it gave "{found}" instead of "{probe}".',
    fr: "Un fichier écrit dans un volume nommé monté sur {target} devrait se retrouver dans un nouveau conteneur, mais sa lecture a donné « {found} » au lieu de « {probe} ».",
  },
  volumeWriteFailed: {
    en: "A file should be writable into a named volume mounted on {target}, but neither sh nor python3 could write it: {output}. The image needs a shell or Python for this check.",
    fr: "Un fichier devrait pouvoir être écrit dans un volume nommé monté sur {target}, mais ni sh ni python3 n'ont pu l'écrire : {output}. L'image doit contenir un shell ou Python pour cette vérification.",
  },
  volumeContainerExited: {
    en: "The container with a named volume on {target} should keep running, but it stopped at once (exit code {exitCode}), so the volume could not be tried: make the app start (see the check that calls the API).",
    fr: "Le conteneur avec un volume nommé sur {target} devrait rester en marche, mais il s'est arrêté aussitôt (code de sortie {exitCode}), donc le volume n'a pas pu être essayé : faites démarrer l'application (voir la vérification qui appelle l'API).",
  },
  appHidden: {
    en: "With an empty folder mounted over {appDir}, the code copied there at build time ({baseline}) is hidden: the app no longer starts (exit code {exitCode}{error}). A mount masks whatever the image holds at its target.",
    fr: "Avec un dossier vide monté sur {appDir}, le code copié au build ({baseline}) est masqué : l'application ne démarre plus (code de sortie {exitCode}{error}). Un montage masque ce que l'image contient à sa cible.",
  },
  appHiddenQuiet: {
    en: "With an empty folder mounted over {appDir}, the code copied there at build time ({baseline}) is hidden: {appDir} is empty in the container and the app did not answer within {seconds} s.",
    fr: "Avec un dossier vide monté sur {appDir}, le code copié au build ({baseline}) est masqué : {appDir} est vide dans le conteneur et l'application n'a pas répondu en {seconds} s.",
  },
  appStillAnswers: {
    en: "With an empty folder mounted over {appDir}, the app should no longer start (the mount hides the code copied at build time), but it still answered: its code is not in {appDir}. Copy the app into {appDir} (WORKDIR {appDir}, then COPY app.py .), as the assignment asks.",
    fr: "Avec un dossier vide monté sur {appDir}, l'application ne devrait plus démarrer (le montage masque le code copié au build), mais elle a encore répondu : son code n'est pas dans {appDir}. Copiez l'application dans {appDir} (WORKDIR {appDir}, puis COPY app.py .), comme le demande le sujet.",
  },
  appDirNotEmpty: {
    en: "With an empty folder mounted over {appDir}, {appDir} should look empty in the container, but it lists {listing}.",
    fr: "Avec un dossier vide monté sur {appDir}, {appDir} devrait paraître vide dans le conteneur, mais il contient {listing}.",
  },
  appMaskNotJudged: {
    en: "Not judged: the app does not answer even without a mount over {appDir} (see above), so hiding its code proves nothing.",
    fr: "Non évalué : l'application ne répond pas même sans montage sur {appDir} (voir plus haut), donc masquer son code ne prouve rien.",
  },
} satisfies MessageCatalog;

export type VolumeMessageId = MessageId<typeof volumeMessages>;
