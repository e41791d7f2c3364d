import { Type as T } from "@sinclair/typebox";

/** The schema of a rubric author's text: French and English, or one string for both (see `LocalText`). */
export const LocalTextSchema = T.Union([
  T.String({ minLength: 1 }),
  T.Object(
    { fr: T.String({ minLength: 1 }), en: T.String({ minLength: 1 }) },
    { additionalProperties: false },
  ),
]);
