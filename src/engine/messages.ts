import type { MessageCatalog } from "../i18n/catalog.js";

/** The engine's own messages: why a check did not run or could not finish. */
export const engineMessages = {
  needsNotMet: {
    en: "Not run: {needs} must pass first. Fix what it reports; this check will then run.",
    fr: "Non exécutée : elle attend d'abord la réussite de {needs}. Corrigez ce qui y est signalé ; cette vérification s'exécutera ensuite.",
  },
  noDocker: {
    en: "Not run: this check needs a Docker engine and none is reachable ({reason}). Start Docker Desktop or the Docker daemon (or set DOCKER_HOST), then grade again.",
    fr: "Non exécutée : cette vérification a besoin d'un moteur Docker et aucun n'est joignable ({reason}). Démarrez Docker Desktop ou le démon Docker (ou définissez DOCKER_HOST), puis relancez la correction.",
  },
  crashed: {
    en: "The grader {grader} crashed: {cause}. This is a dockgrade problem, not yours: report it with this message.",
    fr: "Le correcteur {grader} a planté : {cause}. Le problème vient de dockgrade, pas de votre travail : signalez-le avec ce message.",
  },
  timedOut: {
    en: "The check did not finish within {seconds} s (grader {grader}); it was stopped. If your work is slow to build or start, make it faster; otherwise raise the rubric's timeout.",
    fr: "La vérification n'a pas abouti en {seconds} s (correcteur {grader}) ; elle a été arrêtée. Si votre image est lente à construire ou à démarrer, accélérez-la ; sinon augmentez le délai du barème.",
  },
  sessionFailed: {
    en: "The Docker session could not be opened: {cause}. Check that the Docker daemon is running, then grade again.",
    fr: "La session Docker n'a pas pu être ouverte : {cause}. Vérifiez que le démon Docker tourne, puis relancez la correction.",
  },
  engineLost: {
    en: "Not checked: the Docker engine stopped answering during grading. This says nothing about your work: grade again once Docker runs (what this run left is removed at the next start).",
    fr: "Non vérifiée : le moteur Docker a cessé de répondre pendant la correction. Cela ne dit rien de votre travail : relancez la correction une fois Docker redémarré (ce que cette exécution a laissé est supprimé au prochain lancement).",
  },
  renderFailed: {
    en: "The grader {grader} reported a finding dockgrade could not word ({cause}). This is a dockgrade bug, not a problem in your work: report it with this message.",
    fr: "Le correcteur {grader} a produit une observation que dockgrade n'a pas su formuler ({cause}). C'est un défaut de dockgrade, pas de votre travail : signalez-le avec ce message.",
  },
  allGood: { en: "All good.", fr: "Tout est correct." },
  checkStarted: { en: "Checking: {title}", fr: "Vérification : {title}" },
} satisfies MessageCatalog;
