import { Type as T } from "@sinclair/typebox";
import { defineGrader, type Finding } from "../src/grader/contract.js";
import { sharedWork } from "../src/grader/shared-work.js";
import { scoreParts } from "./kit/app/score-parts.js";
import { sessionWithImage } from "./kit/app/session-gate.js";
import { logLinesParam } from "./kit/app/start.js";
import { linesOf } from "./kit/app/text.js";
import type { VolumePart } from "./volume/judge.js";
import { type VolumeMessageId, volumeMessages } from "./volume/messages.js";
import { bindMountParts, type MaskBaseline, maskedAppPart, namedVolumePart } from "./volume/probes.js";

const Weight = (what: string) =>
  T.Number({ minimum: 0, default: 1, description: `Weight of ${what} (0: not run).` });

/**
 * `volume`: what step 4 teaches, on the student's image, each part scored apart. (a) mask: a host file of
 * one random line, bind-mounted read-only over `target`, is what the app serves — the mount hides the
 * copy baked into the image; (b) live: the host file rewritten with another line is served at once,
 * without rebuild or restart (the app reads the file at every request); (c) namedVolume: a file written
 * into a named volume survives removing and recreating the container; (d) appMasked: an empty folder
 * mounted over the app's folder hides the code copied at build time, so the app no longer starts.
 */
export default defineGrader({
  id: "volume",
  description: {
    en: "Bind mounts and volumes on the student's image: a mounted host file masks the image's copy and its changes show without restart, a named volume outlives its container, an empty mount hides the app's code.",
    fr: "Bind mounts et volumes sur l'image de l'étudiant : un fichier de l'hôte monté masque la copie de l'image et ses modifications apparaissent sans redémarrage, un volume nommé survit à son conteneur, un montage vide masque le code de l'application.",
  },
  params: T.Object(
    {
      target: T.String({
        pattern: "^/",
        default: "/app/data/quotes.txt",
        description: "Where the host file (targetKind file) or folder (targetKind folder) is mounted.",
      }),
      targetKind: T.Union([T.Literal("file"), T.Literal("folder")], {
        default: "file",
        description: "Mount one file over `target`, or a folder holding `fileName`.",
      }),
      fileName: T.String({
        pattern: "^[^/]+$",
        default: "quotes.txt",
        description: "Name of the host file (inside the mounted folder when targetKind is folder).",
      }),
      sourceFile: T.String({
        minLength: 1,
        default: "data/quotes.txt",
        description:
          "The submission's own copy of that file, to recognise an answer that comes from the image.",
      }),
      port: T.Integer({
        minimum: 1,
        maximum: 65535,
        default: 5000,
        description: "Container port of the app.",
      }),
      path: T.String({
        pattern: "^/",
        default: "/quote",
        description: "Route that serves a line of the file.",
      }),
      field: T.String({
        default: "quote",
        description: "JSON field holding the served line; empty: the whole body.",
      }),
      volumeTarget: T.String({
        pattern: "^/",
        default: "/data",
        description: "Where the named volume is mounted for part namedVolume.",
      }),
      appDir: T.String({
        pattern: "^/.",
        default: "/app",
        description: "The app's folder in the image, masked by an empty mount in part appMasked.",
      }),
      startTimeout: T.Optional(
        T.Number({
          exclusiveMinimum: 0,
          maximum: 600,
          description: "Seconds to wait for the app to answer; default: the assignment's `timeouts.start`.",
        }),
      ),
      maskWaitSeconds: T.Number({
        exclusiveMinimum: 0,
        maximum: 120,
        default: 8,
        description: "How long the app with its folder masked gets to (fail to) start.",
      }),
      weights: T.Object(
        {
          mask: Weight("(a) the mounted file masking the image's copy"),
          live: Weight("(b) a change of the host file served without restart"),
          namedVolume: Weight("(c) a named volume outliving its container"),
          appMasked: Weight("(d) an empty mount hiding the app's code"),
        },
        {
          additionalProperties: false,
          default: { mask: 1, live: 1, namedVolume: 1, appMasked: 1 },
          description: "Weight of each part: mask (a), live (b), namedVolume (c), appMasked (d); 0: not run.",
        },
      ),
      logLines: logLinesParam,
    },
    { additionalProperties: false },
  ),
  requires: ["docker"],
  messages: volumeMessages,
  example: {
    target: "/app/data/quotes.txt",
    path: "/quote",
    field: "quote",
    volumeTarget: "/data",
    appDir: "/app",
    weights: { mask: 2, live: 2, namedVolume: 1, appMasked: 1 },
  },
  async run(ctx, params) {
    const weights = params.weights;
    if (Object.values(weights).every((w) => w === 0))
      return { status: "error", findings: [{ messageId: "noWeight", severity: "problem" }] };
    const session = await sessionWithImage(ctx);
    if (!session.ok) return session.result;
    const own = await ctx.files.readText(params.sourceFile);
    const facts = {
      target: params.targetKind === "folder" ? `${params.target}/${params.fileName}` : params.target,
      method: "GET",
      path: params.path,
      field: params.field,
      ...(own.ok ? { imageLines: linesOf(own.text) } : {}),
    };
    const options = { ...params, startTimeoutSeconds: params.startTimeout ?? ctx.assignment.timeouts.start };
    const parts: VolumePart[] = [];
    const notes: Finding<VolumeMessageId>[] = [];
    // The checks of one session that differ only by their weights share one run of the app (a, b, the
    // listing for d): it does the same whatever the weights, which only choose the parts scored.
    const { weights: _weights, ...same } = options;
    const bind =
      weights.mask > 0 || weights.live > 0 || weights.appMasked > 0
        ? sharedWork(
            session.docker,
            `volume.bind ${JSON.stringify({ same, facts })}`,
            ctx.signal,
            () => bindMountParts(ctx, options, facts),
            // Waiting for another check's run lends this check's place, unless (d) runs beside it.
            weights.appMasked > 0 ? undefined : ctx.idle,
          )
        : undefined;
    // (d) runs its container beside the bind-mounted one (only its verdict compares with that run); it is
    // cut, and awaited, when the check ends early.
    const cut = new AbortController();
    const masked =
      weights.appMasked > 0
        ? maskedAppPart(
            ctx,
            options,
            (bind ?? Promise.resolve(undefined)).then(
              (bound): MaskBaseline => ({ answered: bound?.started.ok, listing: bound?.baselineListing }),
              (): MaskBaseline => ({}),
            ),
            AbortSignal.any([ctx.signal, cut.signal]),
          )
        : undefined;
    try {
      if (bind) {
        const bound = await bind;
        if (!bound.started.ok && bound.started.result.status === "error") return bound.started.result;
        if (bound.started.ok) notes.push(...bound.started.notes);
        else {
          const cause = bound.started.result.findings;
          parts.push({ id: "mask", passed: false, findings: cause });
          parts.push({
            id: "live",
            passed: false,
            findings: [{ messageId: "liveNotJudged", severity: "problem" }],
          });
        }
        parts.push(...bound.parts);
      }
      if (weights.namedVolume > 0) parts.push(await namedVolumePart(ctx, options));
      if (masked) parts.push(await masked);
    } finally {
      cut.abort();
      await masked?.catch(() => undefined);
    }
    const scored = scoreParts(
      parts.filter((part) => weights[part.id] > 0),
      weights,
    );
    return { ...scored, findings: [...notes, ...scored.findings] };
  },
});
