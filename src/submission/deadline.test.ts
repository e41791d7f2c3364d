import { describe, expect, it } from "vitest";
import { beforeArgument, commitAtDeadline } from "./deadline.js";
import { SubmissionError } from "./submission-error.js";

describe("beforeArgument", () => {
  it.each([
    ["2024-03-02T10:00:00Z", "--before=@1709373600"],
    ["2024-03-02T10:00:00.999Z", "--before=@1709373600"],
    ["2024-03-02T11:00:00+01:00", "--before=@1709373600"],
    ["1970-01-01T00:00:00Z", "--before=@0"],
  ])("%s → %s", (deadline, expected) => {
    expect(beforeArgument(new Date(deadline))).toBe(expected);
  });

  it("refuses an invalid date", () => {
    expect(() => beforeArgument(new Date("soon"))).toThrow(SubmissionError);
  });
});

describe("commitAtDeadline", () => {
  const history = (found: string) => async (args: string[]) =>
    args[0] === "rev-list" ? found : "2024-03-03T10:00:00+00:00\n2024-03-01T10:00:00+01:00\n";

  it("takes the commit git finds", async () => {
    expect(await commitAtDeadline(history("abc\n"), new Date("2024-03-02"))).toBe("abc");
  });

  it.each([
    [undefined, "on the default branch"],
    ["rendu", "on branch rendu"],
  ])("without one, names the branch (%s) and its first commit's date", async (branch, where) => {
    await expect(commitAtDeadline(history(""), new Date("2024-02-01"), branch)).rejects.toThrow(
      `no commit before the deadline 2024-02-01T00:00:00.000Z ${where}: its first commit is from 2024-03-01T10:00:00+01:00`,
    );
  });

  it("says it in French too", async () => {
    const error = await commitAtDeadline(history(""), new Date("2024-02-01"), "rendu").catch(
      (e: SubmissionError) => e,
    );
    expect((error as SubmissionError).text("fr")).toBe(
      "aucun commit avant l'échéance 2024-02-01T00:00:00.000Z sur la branche rendu : son premier commit date du 2024-03-01T10:00:00+01:00",
    );
  });
});
