// A class graded end to end on the real engine: a GitHub Classroom roster, private repositories behind a
// token on a loopback smart-HTTP git server, a deadline, a missing repository, a student with no account.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpGitServer, type TestHttpGitServer } from "../testing/git-servers.js";
import {
  AFTER,
  allText,
  BEFORE,
  type CliRun,
  DEADLINE,
  dockgrade,
  JUST_BEFORE,
  SMALL_RUBRIC,
  studentRepo,
} from "./test-class.js";
import type { ClassSummary } from "./types.js";

const TOKEN = "ghp_TESTtoken0123456789abcdefSECRET";
let base: string;
let server: TestHttpGitServer;
let out: string;
let first: CliRun;
let commits: Record<string, string[]>;
let grades: Record<string, Record<string, string>>;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "dockgrade-class-"));
  const repos = path.join(base, "repos");
  commits = {
    alice: await studentRepo(path.join(repos, "tp-alice"), [
      ["complete", BEFORE],
      ["build-fails", AFTER],
    ]),
    bob: await studentRepo(path.join(repos, "tp-bob"), [
      ["build-fails", BEFORE],
      ["complete", AFTER],
    ]),
    carol: await studentRepo(path.join(repos, "tp-carol"), [["complete", AFTER]]),
    frank: await studentRepo(path.join(repos, "tp-frank"), [["shell-form-cmd", JUST_BEFORE]]),
    grace: await studentRepo(path.join(repos, "tp-grace"), [["localhost-bind", BEFORE]]),
    heidi: await studentRepo(path.join(repos, "tp-heidi"), [["flask-dev-server", BEFORE]]),
    ivan: await studentRepo(path.join(repos, "tp-ivan"), [["requirements-case", BEFORE]]),
    judy: await studentRepo(path.join(repos, "tp-judy"), [["thin-report", BEFORE]]),
    kim: await studentRepo(path.join(repos, "tp-kim"), [["subfolder-lab", BEFORE]]),
    leo: await studentRepo(path.join(repos, "tp-leo"), [["complete", JUST_BEFORE]]),
  };
  server = await startHttpGitServer(repos, { token: TOKEN });
  const roster = path.join(base, "classroom_roster.csv");
  const rows = [
    ["alice@school.example", "alice", "1", "Alice A", "G1"],
    ["bob@school.example", "bob", "2", "Bob B", "G1"],
    ["carol@school.example", "carol", "3", "Carol C", "G2"],
    ["dave@school.example", "dave", "4", "Dave D", "G2"],
    ["erin@school.example", "", "", "Erin E", "G2"],
    ...["frank", "grace", "heidi", "ivan", "judy", "kim", "leo"].map((u, i) => [
      `${u}@school.example`,
      u,
      String(10 + i),
      `${u[0]?.toUpperCase()}${u.slice(1)} X`,
      "G3",
    ]),
  ];
  await writeFile(
    roster,
    `identifier,github_username,github_id,name,group\n${rows.map((r) => r.join(",")).join("\n")}\n`,
  );
  out = path.join(base, "out");
  const template = server.url("tp-{github_username}");
  first = await dockgrade(
    [
      "batch",
      "--roster",
      roster,
      "--repo",
      template,
      "--deadline",
      DEADLINE,
      "--jobs",
      "4",
      "--out",
      out,
      "--rubric",
      SMALL_RUBRIC,
      "--lang",
      "en",
      "--token-host",
      "127.0.0.1",
    ],
    { GITHUB_TOKEN: TOKEN },
  );
  const table = parse(await readFile(path.join(out, "grades.csv"), "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;
  grades = Object.fromEntries(table.slice(1).map((row) => [row.github_username || row.identifier, row]));
}, 600_000);

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe("dockgrade batch on a class", () => {
  it("grades every student of the roster and says so, one plain line each", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr.match(/^\[ ?\d+\/12\] /gm)).toHaveLength(12);
    expect(first.stderr).toMatch(/9 of 12 submissions graded .*3 not graded/);
    expect(first.stderr).not.toContain("\u001b[");
  });

  it("grades the last commit at or before the deadline and records it", () => {
    expect(grades.alice?.commit).toBe(commits.alice?.[0]);
    expect(grades.alice?.total).toBe("20");
    expect(grades.alice?.["commit date"]).toBe("2026-11-29T10:00:00+01:00");
    expect(grades.bob?.commit).toBe(commits.bob?.[0]);
    expect(Number(grades.bob?.total)).toBeLessThan(20);
    expect(grades.frank?.commit).toBe(commits.frank?.[0]);
    expect(grades.leo?.total).toBe("20");
  });

  it("keeps roster columns and turns every ungradable student into an error row with the reason", () => {
    expect(Object.keys(grades)).toHaveLength(12);
    expect(grades.alice?.group).toBe("G1");
    expect(grades.carol?.status).toBe("not graded");
    expect(grades.carol?.error).toMatch(/no commit .*deadline/i);
    expect(grades.dave?.status).toBe("not graded");
    expect(grades.dave?.error).toMatch(/not found|does not exist|repository/i);
    const erin = Object.values(grades).find((row) => row.name === "Erin E");
    expect(erin?.status).toBe("not graded");
    expect(erin?.error).toMatch(/no github_username/);
  });

  it("names each student's folder from the roster identifier, with report.json and report.md", async () => {
    const names = await readdir(out);
    expect(names).toEqual(
      expect.arrayContaining(["alice_school.example", "grades.csv", "summary.json", "index.html"]),
    );
    const report = JSON.parse(await readFile(path.join(out, "alice_school.example/report.json"), "utf8"));
    expect(report.score).toBe(20);
    expect(report.submission.commit).toBe(commits.alice?.[0]);
    expect(await readFile(path.join(out, "alice_school.example/report.md"), "utf8")).toContain("20");
  });

  it("sends the token to the git server and writes it nowhere", async () => {
    const authorized = server.requests.filter((r) => r.authorized);
    expect(authorized.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.authorized)).toBe(true);
    expect(`${first.stdout}${first.stderr}`).not.toContain(TOKEN);
    expect(await allText(out)).not.toContain(TOKEN);
    const leftovers = (await readdir(os.tmpdir())).filter((n) => n.startsWith("dockgrade-clone-"));
    expect(leftovers).toEqual([]);
  });

  it("summarises the class and flags the two identical hand-ins", async () => {
    const summary = JSON.parse(await readFile(path.join(out, "summary.json"), "utf8")) as ClassSummary;
    expect(summary.stats).toMatchObject({ count: 12, graded: 9, errors: 3 });
    const pair = summary.similarity.find(
      (p) => [p.a, p.b].sort().join(" ") === "alice_school.example leo_school.example",
    );
    expect(pair?.score).toBeGreaterThan(0.9);
    const html = await readFile(path.join(out, "index.html"), "utf8");
    expect(html).toContain("alice_school.example");
  });

  it("re-grades nothing that is unchanged, and gives the same grades", async () => {
    const before = await readFile(path.join(out, "grades.csv"), "utf8");
    const again = await dockgrade(
      [
        "batch",
        "--roster",
        path.join(base, "classroom_roster.csv"),
        "--repo",
        server.url("tp-{github_username}"),
      ]
        .concat(["--deadline", DEADLINE, "--out", out, "--rubric", SMALL_RUBRIC, "--lang", "en"])
        .concat(["--token-host", "127.0.0.1"]),
      { GITHUB_TOKEN: TOKEN },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/9 unchanged and reused/);
    expect(await readFile(path.join(out, "grades.csv"), "utf8")).toBe(before);
  });
});
