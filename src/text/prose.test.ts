import { describe, expect, it } from "vitest";
import { dockerCommands, isExplained, isStuffed, proseStats } from "./prose.js";
import { copiesQuestion } from "./resemblance.js";

describe("isExplained (8 words here, one clause of 6+ words with a grammatical word)", () => {
  it.each([
    ["Le conteneur est supprimé automatiquement quand il s'arrête.", true],
    ["The container is removed as soon as it exits.", true],
    ["ENTRYPOINT, CMD, exécutable, arguments par défaut, override", false],
    ["suppression auto, pas d'accumulation, pas de conflit de nom, disque", false],
    ["- ENTRYPOINT: main executable\n- CMD: default args\n- overridable", false],
    ["ENTRYPOINT : exécutable fixe / CMD : arguments par défaut, remplaçables", false],
    ["Regarder les logs.", false],
    ["exec env inspect config docker container variables environment listing output", false],
  ])("%j: %s", (text, expected) => {
    expect(isExplained(text, 8)).toBe(expected);
  });

  it("counts words across clauses and keeps the longest clause", () => {
    expect(proseStats("un deux, trois quatre cinq | six")).toEqual({
      words: 6,
      longestClause: 3,
      sentence: false,
      loneWords: 1,
      longestRun: 3,
    });
  });
});

describe("isStuffed (no sentence, and 6 lone words, a 6-word run without grammatical word, or 4 docker commands)", () => {
  it.each([
    ["ENTRYPOINT, CMD, executable, always, default, arguments, override, combined", true],
    ["ENTRYPOINT CMD exécutable toujours défaut arguments remplacé docker run", true],
    ["rm remove delete automatic stop exit clean disk space", true],
    ["proxy HTTP_PROXY HTTPS_PROXY NO_PROXY build-arg progress plain daemon.json", true],
    ["docker system df docker system prune docker images docker ps -s du -sh", true],
    // Notes that bind a property to each subject, a short list, a command, a sentence: not stuffed.
    ["ENTRYPOINT : exécutable fixe / CMD : arguments par défaut, remplaçables / ensemble", false],
    ["- ENTRYPOINT: main executable\n- CMD: default args\n- overridable\n- combined", false],
    ["HTTP_PROXY, HTTPS_PROXY, NO_PROXY, --build-arg, --progress=plain, daemon.json", false],
    ["suppression auto, pas d'accumulation, pas de conflit de nom, disque", false],
    ["docker run --rm -p 5000:5000 --name quotegen quotegen:1.0.0", false],
    ["docker exec, env, docker inspect, Config.Env", false],
    [
      "Le conteneur est supprimé automatiquement quand il s'arrête, sans accumulation ni conflit de nom.",
      false,
    ],
  ])("%j: %s", (text, expected) => {
    expect(isStuffed(text, text)).toBe(expected);
  });

  it("counts docker commands in code too, each once", () => {
    expect(dockerCommands("`docker system df` puis `docker system df -v`, et docker ps / docker ps -a")).toBe(
      2,
    );
    expect(
      dockerCommands("docker exec quotegen env ; docker inspect quotegen ; docker logs ; docker image ls"),
    ).toBe(4);
    expect(isStuffed("", "`docker exec` `docker inspect` `docker logs` `docker ps`")).toBe(true);
  });
});

describe("copiesQuestion", () => {
  const fr = "Quelle est la différence entre ENTRYPOINT et CMD ?";
  it.each([
    [fr, true],
    ["Différence entre ENTRYPOINT et CMD.", true],
    ["ENTRYPOINT vs CMD", true],
    ["Q1 : différence ENTRYPOINT / CMD ?", true],
    ["ENTRYPOINT fixe l'exécutable, CMD les arguments par défaut.", false],
    [`${fr} ENTRYPOINT fixe l'exécutable et CMD donne les arguments par défaut.`, false],
    ["CMD", false],
    ["", false],
  ])("%j: %s", (answer, expected) => {
    expect(copiesQuestion(answer, fr)).toBe(expected);
  });
});
