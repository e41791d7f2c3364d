import { type Rubric, submissionLayout } from "../rubric/types.js";
import { resolveSubmission } from "../submission/resolve.js";
import { collectSimilarityDocs, readReferenceDocs } from "./similarity-docs.js";
import type { SimilarityDoc } from "./types.js";

/**
 * The texts similarity is measured against: the starter code everyone was given (`--base`, a folder or a
 * git URL, read like a submission) and published reports (`--reference`, a folder of texts).
 */
export async function loadSimilaritySources(input: {
  base?: string;
  reference?: string;
  rubric: Rubric;
}): Promise<{ baseDocs?: SimilarityDoc[]; referenceDocs?: SimilarityDoc[] }> {
  const sources: { baseDocs?: SimilarityDoc[]; referenceDocs?: SimilarityDoc[] } = {};
  if (input.base !== undefined) {
    const resolved = await resolveSubmission(input.base, {
      ...submissionLayout(input.rubric.assignment),
    });
    try {
      sources.baseDocs = await collectSimilarityDocs(resolved.files, resolved.submission, "base");
    } finally {
      await resolved.dispose();
    }
  }
  if (input.reference !== undefined) sources.referenceDocs = await readReferenceDocs(input.reference);
  return sources;
}
