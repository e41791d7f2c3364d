import { collectGarbage, type GcOptions } from "../docker/gc.js";
import { probeDocker } from "../docker/probe.js";
import { type MessageCatalog, renderMessage } from "../i18n/catalog.js";
import { detectLang, type Lang } from "../i18n/text.js";
import type { CommandIO } from "./io.js";
import { EXIT } from "./io.js";

export interface GcCommandOptions {
  olderThanMinutes?: number;
  unownedOlderThanMinutes?: number;
  runId?: string;
}

export const gcMessages = {
  noEngine: {
    en: "dockgrade gc: no Docker engine reachable ({reason}). Start Docker (or set DOCKER_HOST), then run it again.",
    fr: "dockgrade gc : aucun moteur Docker joignable ({reason}). Démarrez Docker (ou définissez DOCKER_HOST), puis relancez.",
  },
  engineFailed: {
    en: "dockgrade gc: the Docker engine failed while cleaning up ({cause}). Nothing is wrong with dockgrade; check the engine, then run it again.",
    fr: "dockgrade gc : le moteur Docker a échoué pendant le nettoyage ({cause}). dockgrade n'est pas en cause ; vérifiez le moteur, puis relancez.",
  },
  removed: {
    en: "removed {containers} container(s), {images} image(s), {volumes} volume(s), {networks} network(s), {tempDirs} temporary folder(s)",
    fr: "supprimé(s) : {containers} conteneur(s), {images} image(s), {volumes} volume(s), {networks} réseau(x), {tempDirs} dossier(s) temporaire(s)",
  },
  notRemoved: {
    en: "dockgrade gc: the engine refused a removal: {error}",
    fr: "dockgrade gc : le moteur a refusé une suppression : {error}",
  },
} satisfies MessageCatalog;

/**
 * `dockgrade gc`: removes what dead runs left, and says what it removed. An engine that is missing,
 * fails or refuses a removal is exit 2 with its cause: that is the engine's state, not a dockgrade bug.
 */
export async function gcCommand(
  options: GcCommandOptions,
  io: CommandIO,
  deps = { probe: probeDocker, collect: collectGarbage, lang: detectLang() as Lang },
): Promise<number> {
  const say = (id: keyof typeof gcMessages, data?: Record<string, string | number>) =>
    `${renderMessage(gcMessages, id, deps.lang, data)}\n`;
  const probe = await deps.probe();
  if (!probe.available) {
    io.stderr(say("noEngine", { reason: probe.reason }));
    return EXIT.usage;
  }
  const minutes = (value: number | undefined) => (value === undefined ? undefined : value * 60_000);
  const gc: GcOptions = {
    ...(options.runId ? { runId: options.runId } : {}),
    ...(options.olderThanMinutes !== undefined ? { olderThanMs: minutes(options.olderThanMinutes) } : {}),
    ...(options.unownedOlderThanMinutes !== undefined
      ? { unownedOlderThanMs: minutes(options.unownedOlderThanMinutes) }
      : {}),
  };
  let removed: Awaited<ReturnType<typeof collectGarbage>>;
  try {
    removed = await deps.collect(gc);
  } catch (error) {
    io.stderr(say("engineFailed", { cause: (error as Error).message ?? String(error) }));
    return EXIT.usage;
  }
  const { errors, ...counts } = removed;
  io.stdout(say("removed", counts));
  for (const error of errors) io.stderr(say("notRemoved", { error }));
  return errors.length > 0 ? EXIT.usage : EXIT.graded;
}
