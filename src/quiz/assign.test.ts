import { describe, expect, it } from "vitest";
import { splitAnswers } from "../markdown/answers.js";
import { parseMarkdown, plainText } from "../markdown/parse.js";
import { assignAnswers } from "./assign.js";

const questions = [
  { id: "cmd", match: "entrypoint|\\bcmd\\b" },
  { id: "env", match: "variables?|environ|\\benv\\b" },
  { id: "df", match: "disque|disk|\\bdf\\b" },
];

const assign = (md: string, qs: Array<{ id: string; match?: string }> = questions) => {
  const answers = assignAnswers(qs, splitAnswers(parseMarkdown(md).children));
  return Object.fromEntries(
    qs.map((q) => [q.id, answers.get(q.id) && plainText(answers.get(q.id)?.nodes ?? [])]),
  );
};

describe("assignAnswers", () => {
  it("finds answers by their titles, whatever their order", () => {
    expect(assign("### Disque\n\nA\n\n### ENTRYPOINT vs CMD\n\nB\n\n### Variables\n\nC")).toEqual({
      cmd: "B",
      env: "C",
      df: "A",
    });
  });

  it("finds untitled answers by their text, the one at the question's position first", () => {
    expect(assign("- docker system df\n- CMD donne les arguments\n- docker exec c env")).toEqual({
      cmd: "CMD donne les arguments",
      env: "docker exec c env",
      df: "docker system df",
    });
  });

  it("falls back to numbers, then positions, and leaves a question without answer when there is none", () => {
    const qs = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(assign("2) deux\n\nX\n\n1) un\n\nY", qs)).toEqual({ a: "Y", b: "X", c: undefined });
  });

  it("scores every question on a section that cannot be split", () => {
    expect(assign("Tout en un paragraphe : docker system df, docker exec env, CMD.")).toEqual({
      cmd: "Tout en un paragraphe : docker system df, docker exec env, CMD.",
      env: "Tout en un paragraphe : docker system df, docker exec env, CMD.",
      df: "Tout en un paragraphe : docker system df, docker exec env, CMD.",
    });
  });
});
