import { describe, expect, it } from "vitest";
import { registry } from "../../graders/index.js";
import { gcMessages } from "../commands/gc.js";
import { commandMessages } from "../commands/messages.js";
import { engineMessages } from "../engine/messages.js";
import { renderFinding } from "../engine/render.js";
import { batchNoteMessages } from "../engine/report-notes.js";
import { type MessageCatalog, renderMessage } from "./catalog.js";
import { LANGS } from "./text.js";

// Every message a grader or the engine can report is rendered in both languages through the engine's own
// path, with a sample value for each placeholder either language names: none may stay visible, and each
// sample must show in the text (a misspelt `{placeholder}` or a brace left in a template fails here).
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

const cases = [
  ...[...registry.values()].flatMap((grader) =>
    Object.entries(grader.messages).map(([id, text]) => ({ grader, id, messageId: id, text })),
  ),
  ...Object.entries(engineMessages).map(([id, text]) => ({
    grader: undefined,
    id,
    messageId: `engine.${id}`,
    text,
  })),
].map((c) => ({ ...c, name: `${c.grader?.id ?? "engine"}.${c.id}` }));

describe("every message renders in French and English", () => {
  it("covers every grader", () => {
    const graders = new Set(cases.map((c) => c.grader?.id).filter(Boolean));
    expect([...graders].sort()).toEqual([...registry.keys()].sort());
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)("$name", ({ grader, messageId, text }) => {
    const names = [...new Set([...placeholders(text.fr), ...placeholders(text.en)])];
    const data = Object.fromEntries(names.map((name, i) => [name, `«${name}#${i}»`]));
    for (const lang of LANGS) {
      const { message } = renderFinding(grader, { messageId, severity: "info", data }, lang);
      expect(message, lang).toMatch(/\S/);
      expect(message, `${lang}: a placeholder or a stray brace is left`).not.toMatch(/[{}]/);
      for (const [name, value] of Object.entries(data))
        expect(message, `${lang}: {${name}} is not shown`).toContain(value);
    }
  });
});

// The other catalogs people read: what the commands say, the batch's notes, gc.
const others = Object.entries({ commandMessages, batchNoteMessages, gcMessages } as Record<
  string,
  MessageCatalog
>).flatMap(([catalog, messages]) => Object.entries(messages).map(([id, text]) => ({ catalog, id, text })));

describe("the commands' own messages render in French and English", () => {
  it.each(others.map((o) => [`${o.catalog}.${o.id}`, o] as const))("%s", (_name, { catalog, id, text }) => {
    const names = [...new Set([...placeholders(text.fr), ...placeholders(text.en)])];
    const data = Object.fromEntries(names.map((name, i) => [name, `«${name}#${i}»`]));
    const messages = { commandMessages, batchNoteMessages, gcMessages }[catalog] as MessageCatalog;
    for (const lang of LANGS) {
      const message = renderMessage(messages, id, lang, data);
      expect(message, `${lang}: a placeholder or a stray brace is left`).not.toMatch(/[{}]/);
      for (const value of Object.values(data)) expect(message, lang).toContain(value);
    }
  });
});
