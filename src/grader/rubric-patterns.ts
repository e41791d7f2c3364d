import type { MessageCatalog } from "../i18n/catalog.js";
import type { GraderResult, MessageId } from "./contract.js";

/** The message of a grader whose rubric may hold a pattern that does not compile (spread into its catalog). */
export const badPatternMessages = {
  badPattern: {
    en: "The rubric's pattern is invalid ({detail}): the check could not run. Fix the rubric.",
    fr: "Le motif du barème est invalide ({detail}) : la vérification n'a pas pu s'exécuter. Corrigez le barème.",
  },
} satisfies MessageCatalog;

/**
 * Runs `compile` over the rubric's patterns before anything of the submission is read. A pattern that
 * throws is the rubric's fault, not the student's: it becomes the check's `error` result (message
 * `badPattern`); undefined when every pattern compiles.
 */
export function rubricPatternError(
  compile: () => void,
): GraderResult<MessageId<typeof badPatternMessages>> | undefined {
  try {
    compile();
    return undefined;
  } catch (error) {
    return {
      status: "error",
      credit: 0,
      findings: [
        { messageId: "badPattern", severity: "problem", data: { detail: (error as Error).message } },
      ],
    };
  }
}
