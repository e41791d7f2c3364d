import { Type as T } from "@sinclair/typebox";
import { creditStatus, defineGrader, type Finding, type MessageId } from "../src/grader/contract.js";
import type { MessageCatalog } from "../src/i18n/catalog.js";
import { checkImages } from "../src/images/check-images.js";
import { type OcrRule, ocrImages } from "../src/images/ocr-rules.js";
import { figuresOf } from "../src/markdown/figures.js";
import { PatternString } from "../src/text/pattern.js";
import { loadReportSection, reportMessages } from "./kit/report.js";

/** The grader's messages, apart so the helpers below can name their ids. */
const messages = {
  ...reportMessages,
  valid: {
    en: "{image}: {format} image, {width}×{height}.",
    fr: "{image} : image {format}, {width}×{height}.",
  },
  noImages: {
    en: '"{section}" shows {count} valid image(s); at least {min} expected. Add screenshots (committed in the repository, e.g. under media/) with ![caption](media/file.png).',
    fr: "« {section} » montre {count} image(s) valide(s) ; au moins {min} attendue(s). Ajoutez des captures (committées dans le dépôt, par exemple sous media/) avec ![légende](media/fichier.png).",
  },
  remote: {
    en: "{image}: a remote URL was not fetched; expected a file committed in the repository. Commit the image and link it with a relative path.",
    fr: "{image} : une URL distante n'est pas téléchargée ; un fichier committé dans le dépôt est attendu. Committez l'image et liez-la par un chemin relatif.",
  },
  absolute: {
    en: "{image}: an absolute path points to your own machine and was not read. Put the image in the repository and use a relative path (media/file.png).",
    fr: "{image} : un chemin absolu désigne votre machine et n'a pas été lu. Placez l'image dans le dépôt et utilisez un chemin relatif (media/fichier.png).",
  },
  outside: {
    en: "{image}: the path leaves the repository and was not read. Put the image inside the repository.",
    fr: "{image} : le chemin sort du dépôt et n'a pas été lu. Placez l'image dans le dépôt.",
  },
  linkOutside: {
    en: "{image}: a link that leads out of the repository; it was not read. Commit the image itself, not a link.",
    fr: "{image} : un lien qui sort du dépôt ; il n'a pas été lu. Committez l'image elle-même, pas un lien.",
  },
  notImageName: {
    en: "{image}: not an image name (expected .png, .jpg, .jpeg, .gif or .webp); it was not read. Link the screenshot file itself.",
    fr: "{image} : ce n'est pas un nom d'image (.png, .jpg, .jpeg, .gif ou .webp attendu) ; il n'a pas été lu. Liez le fichier de la capture lui-même.",
  },
  missing: {
    en: "{image}: not found at {path}. Commit the file (mind the exact name and case) or fix the link.",
    fr: "{image} : introuvable à {path}. Committez le fichier (nom et casse exacts) ou corrigez le lien.",
  },
  notAFile: {
    en: "{image}: {path} is not a regular file. Link an image file.",
    fr: "{image} : {path} n'est pas un fichier ordinaire. Liez un fichier image.",
  },
  tooSmallFile: {
    en: "{image}: {bytes} bytes, below the {min} expected of a screenshot. Commit the real screenshot.",
    fr: "{image} : {bytes} octets, moins que les {min} attendus d'une capture. Committez la vraie capture.",
  },
  tooLarge: {
    en: "{image}: {bytes} bytes, above the {max} allowed; it was not read. Crop it or save it as PNG/JPEG at a normal size.",
    fr: "{image} : {bytes} octets, plus que les {max} permis ; elle n'a pas été lue. Recadrez-la ou enregistrez-la en PNG/JPEG de taille normale.",
  },
  notAnImage: {
    en: "{image}: the file is not a PNG, JPEG, GIF or WebP image ({detail}), whatever its name. Save the screenshot in one of these formats.",
    fr: "{image} : le fichier n'est pas une image PNG, JPEG, GIF ou WebP ({detail}), quel que soit son nom. Enregistrez la capture dans l'un de ces formats.",
  },
  broken: {
    en: "{image}: damaged {format} file ({detail}). Save the screenshot again and commit it.",
    fr: "{image} : fichier {format} abîmé ({detail}). Enregistrez à nouveau la capture et committez-la.",
  },
  tooSmallDims: {
    en: "{image}: {width}×{height} pixels, below the {minWidth}×{minHeight} expected. Capture the whole terminal output.",
    fr: "{image} : {width}×{height} pixels, moins que les {minWidth}×{minHeight} attendus. Capturez toute la sortie du terminal.",
  },
  ocrUnavailable: {
    en: "Text in screenshots not checked: tesseract is not installed on the grading machine (credit from the files only).",
    fr: "Texte des captures non vérifié : tesseract n'est pas installé sur la machine de correction (crédit calculé sur les fichiers seuls).",
  },
  ocrFailed: {
    en: "{image}: its text could not be read ({reason}); this image was left out of the text check.",
    fr: "{image} : son texte n'a pas pu être lu ({reason}) ; cette image est exclue de la vérification du texte.",
  },
  ocrFound: { en: '"{text}" is visible in {images}.', fr: "« {text} » est visible dans {images}." },
  ocrMissing: {
    en: '"{text}" was not read in {images}. Show the full output of the command in the screenshot, in a readable size.',
    fr: "« {text} » n'a pas été lu dans {images}. Montrez la sortie complète de la commande dans la capture, à une taille lisible.",
  },
  ocrNotShown: {
    en: "No screenshot matches {selector}: the text check ({texts}) does not apply.",
    fr: "Aucune capture ne correspond à {selector} : la vérification du texte ({texts}) ne s'applique pas.",
  },
  ocrNoImage: {
    en: "No valid image matches {selector} for the text check ({texts}). Add that screenshot.",
    fr: "Aucune image valide ne correspond à {selector} pour la vérification du texte ({texts}). Ajoutez cette capture.",
  },
} satisfies MessageCatalog;

type Id = MessageId<typeof messages>;

/**
 * `screenshots`: the images a section shows are real image files inside the repository. Remote URLs,
 * absolute paths, `..` paths or links leaving the repository and links to non-image names fail and are
 * never read; a file is judged by its bytes (PNG/JPEG/GIF/WebP, whole, of a sensible size).
 * Credit: files = valid images / max(images referenced, minImages). With `ocr` rules and tesseract on
 * PATH, credit = (1 - ocrWeight) * files + ocrWeight * (expected texts found / expected texts); without
 * tesseract the OCR part is left out (a finding says so) and credit = files.
 */
export default defineGrader({
  id: "screenshots",
  description: {
    en: "The screenshots of a step are real images inside the repository (optionally OCR-checked).",
    fr: "Les captures d'une étape sont de vraies images dans le dépôt (contrôlées par OCR si demandé).",
  },
  params: T.Object(
    {
      section: T.Optional(
        PatternString({ description: "Pattern of the section's heading; absent: the whole report." }),
      ),
      example: T.String({
        default: "Etape 1",
        description: "A heading that matches, quoted to the student when the section is missing.",
      }),
      minImages: T.Integer({ minimum: 0, default: 1, description: "Images the section must show at least." }),
      minBytes: T.Integer({ minimum: 0, default: 1024, description: "Smallest acceptable file size." }),
      maxBytes: T.Integer({
        minimum: 1,
        default: 5 * 1024 * 1024,
        description: "Largest acceptable file size (larger files are not read).",
      }),
      minWidth: T.Integer({ minimum: 1, default: 200, description: "Smallest acceptable width in pixels." }),
      minHeight: T.Integer({ minimum: 1, default: 40, description: "Smallest acceptable height in pixels." }),
      ocr: T.Array(
        T.Object(
          {
            image: T.Optional(
              T.Union([T.Integer({ minimum: 1 }), PatternString()], {
                description:
                  "Which images: 1-based position in the section, or a pattern over the link and caption; absent: all.",
              }),
            ),
            expect: T.Array(T.String({ minLength: 1 }), {
              minItems: 1,
              description:
                "Texts that must appear in at least one of those images (case, accents and spaces ignored).",
            }),
            optional: T.Boolean({
              default: false,
              description:
                "When the section has no image matching `image`, skip the rule instead of failing it (the output may be pasted as text).",
            }),
          },
          { additionalProperties: false },
        ),
        {
          default: [],
          description: "Texts the screenshots must show, read by tesseract when it is installed.",
        },
      ),
      ocrWeight: T.Number({
        minimum: 0,
        maximum: 1,
        default: 0.3,
        description: "Share of the credit given to OCR, when it runs.",
      }),
      ocrTimeoutMs: T.Integer({
        minimum: 1000,
        default: 30_000,
        description: "Time allowed to read one image.",
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
    const refs = figuresOf(section, root).images.filter(
      (img, i, all) => all.findIndex((o) => o.url === img.url) === i,
    );
    const checked = await checkImages(ctx.files, file, refs, params);
    const findings: Finding<Id>[] = checked.flatMap((c) => c.findings);
    const valid = checked.filter((c) => c.valid);
    const expected = Math.max(refs.length, params.minImages);
    const fileCredit = expected === 0 ? 1 : valid.length / expected;
    if (valid.length < params.minImages)
      findings.push({
        messageId: "noImages",
        severity: "problem",
        data: { section: section.title, count: valid.length, min: params.minImages },
        file,
        line: section.line,
      });
    let credit = fileCredit;
    let ocrDetails: unknown;
    if (params.ocr.length > 0) {
      const ocr = await ocrImages(checked, params.ocr as OcrRule[], {
        timeoutMs: params.ocrTimeoutMs,
        signal: ctx.signal,
      });
      findings.push(...ocr.findings.map((f) => ({ ...f, file })));
      if (ocr.credit !== undefined)
        credit = (1 - params.ocrWeight) * fileCredit + params.ocrWeight * ocr.credit;
      ocrDetails = ocr.details;
    }
    credit = Math.round(credit * 10_000) / 10_000;
    const details = { images: checked.map((c) => c.details), ocr: ocrDetails };
    return { status: creditStatus(credit), credit, findings, details };
  },
});
