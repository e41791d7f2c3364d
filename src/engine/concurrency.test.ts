import { describe, expect, it } from "vitest";
import { defaultCheckConcurrency } from "./concurrency.js";

describe("defaultCheckConcurrency", () => {
  it.each([
    { cores: 1, docker: 2, local: 1 },
    { cores: 2, docker: 3, local: 2 },
    { cores: 4, docker: 4, local: 4 },
    { cores: 32, docker: 4, local: 4 },
  ])("$cores cores: $docker Docker checks and $local local checks of a submission at once", (row) => {
    expect(defaultCheckConcurrency(row.cores)).toEqual({ docker: row.docker, local: row.local });
  });
});
