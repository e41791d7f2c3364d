import { Type as T } from "@sinclair/typebox";
import { CommandEvidenceSchema, DEFAULT_COMMANDS } from "../src/evidence/commands.js";
import { detectEvidence } from "../src/evidence/detect.js";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { resolveImage } from "../src/images/resolve.js";
import { figuresOf } from "../src/markdown/figures.js";
import { PatternString } from "../src/text/pattern.js";
import { loadReportSection, reportMessages } from "./kit/report.js";

/** The grader's messages, apart so the helpers below can name their ids. */
const messages = {
  ...reportMessages,
  shownImage: {
    en: "{command}: shown by the screenshot {image}.",
    fr: "{command} : montré par la capture {image}.",
  },
  shownCode: {
    en: "{command}: output pasted in a code block.",
    fr: "{command} : sortie collée dans un bloc de code.",
  },
  typedOnly: {
    en: "{command}: the command is typed but its output is missing or not recognised. Paste its full output (headers included) or add a screenshot.",
    fr: "{command} : la commande est tapée mais sa sortie manque ou n'est pas reconnue. Collez sa sortie complète (en-têtes compris) ou ajoutez une capture.",
  },
  missing: {
    en: '{command}: no output found in "{section}" (expected a screenshot captioned with the command, or its output in a code block). Run it and show its output.',
    fr: "{command} : aucune sortie trouvée dans « {section} » (attendu : une capture légendée avec la commande, ou sa sortie dans un bloc de code). Lancez-la et montrez sa sortie.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `evidence`: a step of the report shows the output of the commands it asks to run, as screenshots (an
 * image of the section that exists in the repository, captioned with the command: alt text, sub-heading,
 * item or paragraph just before) or as terminal output pasted in code blocks, recognised by its shape
 * (see `DEFAULT_COMMANDS`). Credit = weighted share of the commands shown. Whether the screenshots are
 * real images is the `screenshots` check's job; here an image only has to exist inside the repository.
 */
export default defineGrader({
  id: "evidence",
  description: {
    en: "A step of the report shows the output of the commands it asks for (screenshots or pasted output).",
    fr: "Une étape du compte rendu montre la sortie des commandes demandées (captures ou sortie collée).",
  },
  params: T.Object(
    {
      section: PatternString({
        default: "etape\\s*1\\b",
        description: "Pattern of the section's heading.",
      }),
      example: T.String({
        default: "Etape 1",
        description: "A heading that matches, quoted to the student when the section is missing.",
      }),
      commands: T.Array(CommandEvidenceSchema, {
        minItems: 1,
        default: DEFAULT_COMMANDS,
        description:
          "The commands whose output must be shown; default: docker version, docker info, docker ps, docker ps -a, docker image ls, docker volume ls.",
      }),
    },
    { additionalProperties: false },
  ),
  requires: ["repository"],
  messages: messages,
  async run(ctx, params) {
    const loaded = await loadReportSection(ctx, params.section, params.example);
    if (!loaded.ok) return loaded.result;
    const { file, root, section } = loaded.report;
    const figures = figuresOf(section, root);
    const existing = new Set<string>();
    for (const image of figures.images) {
      const resolved = await resolveImage(ctx.files, file, image.url);
      if (resolved.ok) existing.add(image.url);
    }
    const found = detectEvidence(figures, params.commands, (url) => existing.has(url));
    const findings: Finding<Id>[] = [];
    let earned = 0;
    let total = 0;
    found.forEach((evidence, i) => {
      const spec = params.commands[i];
      if (!spec) return;
      total += spec.weight;
      const data = { command: spec.label, section: section.title, image: evidence.image };
      if (evidence.via) {
        earned += spec.weight;
        findings.push({
          messageId: evidence.via === "image" ? "shownImage" : "shownCode",
          severity: "ok",
          data,
          file,
          line: evidence.line,
        });
      } else if (evidence.typedWithoutOutput !== undefined)
        findings.push({
          messageId: "typedOnly",
          severity: "problem",
          data,
          file,
          line: evidence.typedWithoutOutput,
        });
      else findings.push({ messageId: "missing", severity: "problem", data, file, line: section.line });
    });
    const credit = total === 0 ? 0 : Math.round((earned / total) * 10_000) / 10_000;
    return {
      status: creditStatus(credit),
      credit,
      findings,
      details: { commands: found },
    };
  },
});
