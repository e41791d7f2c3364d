import { describe, expect, it } from "vitest";
import { type Answer, answerProse, answerText, splitAnswers } from "./answers.js";
import { parseMarkdown, plainText } from "./parse.js";

const split = (md: string) =>
  splitAnswers(parseMarkdown(md).children).map((a: Answer) => ({
    title: a.title,
    body: plainText(a.nodes).replace(/\n/g, " "),
    number: a.number,
  }));

describe("splitAnswers", () => {
  it("splits at sub-headings, numbered or not", () => {
    expect(
      split("### 1) ENTRYPOINT vs CMD\n\nréponse un\n\n### Env\n\nréponse deux\n\n```\nenv\n```"),
    ).toEqual([
      { title: "1) ENTRYPOINT vs CMD", body: "réponse un", number: 1 },
      { title: "Env", body: "réponse deux env", number: undefined },
    ]);
  });

  it("takes a numbered item followed by bullets as question + answer (the common report shape)", () => {
    expect(split("1) Question un\n\n- a\n- b\n\n2) Question deux\n\n- c")).toEqual([
      { title: "Question un", body: "a b", number: 1 },
      { title: "Question deux", body: "c", number: 2 },
    ]);
  });

  it("takes a bold label at the start of a numbered item as its title", () => {
    expect(split("1. **Q un ?** réponse un\n2. **Q deux ?** réponse deux\n3. sans titre")).toEqual([
      { title: "Q un ?", body: "réponse un", number: 1 },
      { title: "Q deux ?", body: "réponse deux", number: 2 },
      { title: undefined, body: "sans titre", number: 3 },
    ]);
  });

  it("prefers numbered paragraphs over numbered steps inside answers", () => {
    const md = "**1. Proxy ?**\n\n1. étape a\n2. étape b\n\n**2. Disque ?**\n\ndocker system df";
    expect(split(md)).toEqual([
      { title: "1. Proxy ?", body: "étape a étape b", number: 1 },
      { title: "2. Disque ?", body: "docker system df", number: 2 },
    ]);
  });

  it("reads blockquotes, with the paragraph before as their question", () => {
    expect(split("Question un ?\n\n> réponse un\n\nQuestion deux ?\n\n> réponse deux")).toEqual([
      { title: "Question un ?", body: "réponse un", number: undefined },
      { title: "Question deux ?", body: "réponse deux", number: undefined },
    ]);
    expect(split("> **Q1 : un ?** réponse un\n\n> **Q2 : deux ?** réponse deux")).toEqual([
      { title: "Q1 : un ?", body: "réponse un", number: 1 },
      { title: "Q2 : deux ?", body: "réponse deux", number: 2 },
    ]);
  });

  it("reads table rows: first cell the question, the others the answer", () => {
    const md = "| Question | Réponse |\n|---|---|\n| Un ? | réponse `un` |\n| Deux ? | réponse deux |";
    expect(split(md)).toEqual([
      { title: "Un ?", body: "réponse un", number: undefined },
      { title: "Deux ?", body: "réponse deux", number: undefined },
    ]);
  });

  it("falls back to bullets, then paragraphs, then the whole section", () => {
    expect(split("- **Un** : a\n- **Deux** : b").map((a) => a.title)).toEqual(["Un", "Deux"]);
    expect(split("Un.\n\n```\ncode\n```\n\nDeux.").map((a) => a.body)).toEqual(["Un. code", "Deux."]);
    expect(split("Une seule réponse.")).toEqual([
      { title: undefined, body: "Une seule réponse.", number: undefined },
    ]);
    expect(split("")).toEqual([]);
  });

  it("separates prose from code for the explanation rule", () => {
    const [answer] = splitAnswers(
      parseMarkdown("On tape `docker system df` :\n\n```\nTYPE SIZE\n```").children,
    );
    expect(answer && answerText(answer)).toBe("On tape docker system df :\nTYPE SIZE");
    expect(answer && answerProse(answer)).toBe("On tape  :");
  });
});
