import type { MessageId } from "../../src/grader/contract.js";
import type { MessageCatalog } from "../../src/i18n/catalog.js";
import { startMessages } from "../kit/app/start-messages.js";

/** The exec grader's messages: starting (shared with http), then the command's verdicts. */
export const execMessages = {
  ...startMessages,
  execPassed: {
    en: "`{command}` exited with code {exitCode}.",
    fr: "`{command}` s'est terminée avec le code {exitCode}.",
  },
  execOutputFound: {
    en: "`{command}`: its output contains {expected}.",
    fr: "`{command}` : sa sortie contient {expected}.",
  },
  execTimedOut: {
    en: "`{command}` should finish within {seconds} s, but was still running. Output so far:\n{output}\nCheck that it does not wait for input or loop.",
    fr: "`{command}` devrait se terminer en {seconds} s, mais tournait encore. Sortie jusque-là :\n{output}\nVérifiez qu'elle n'attend pas une saisie et ne boucle pas.",
  },
  execExitCode: {
    en: "`{command}` should exit with code {expected}, but exited with code {found}. Its output:\n{output}",
    fr: "`{command}` devrait se terminer avec le code {expected}, mais s'est terminée avec le code {found}. Sa sortie :\n{output}",
  },
  execNotFound: {
    en: "`{command}` should exit with code {expected}, but could not run (code {found}): {program} is not in the image. Its output:\n{output}\nInstall what provides it in the Dockerfile, then rebuild.",
    fr: "`{command}` devrait se terminer avec le code {expected}, mais n'a pas pu s'exécuter (code {found}) : {program} n'est pas dans l'image. Sa sortie :\n{output}\nInstallez ce qui le fournit dans le Dockerfile, puis reconstruisez.",
  },
  execMissingOutput: {
    en: "`{command}`: its output should contain {expected}, but does not. Its output:\n{output}",
    fr: "`{command}` : sa sortie devrait contenir {expected}, mais ce n'est pas le cas. Sa sortie :\n{output}",
  },
  execExcludedOutput: {
    en: '`{command}`: its output should not contain {expected}, but it shows "{match}".',
    fr: "`{command}` : sa sortie ne devrait pas contenir {expected}, mais elle montre « {match} ».",
  },
  execContainerExited: {
    en: "`{command}` could not run: the container had already stopped (exit code {exitCode}). Last lines of its logs:\n{logs}\nMake the app keep running (see the check that calls the API).",
    fr: "`{command}` n'a pas pu s'exécuter : le conteneur s'était déjà arrêté (code de sortie {exitCode}). Dernières lignes de ses logs :\n{logs}\nFaites en sorte que l'application reste en marche (voir la vérification qui appelle l'API).",
  },
} satisfies MessageCatalog;

export type ExecMessageId = MessageId<typeof execMessages>;
