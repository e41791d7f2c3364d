import { describe, expect, it } from "vitest";
import { defaultContainerSlots, defaultDockerJobs, defaultJobs } from "./jobs.js";

describe("batch concurrency defaults", () => {
  it.each([
    { cores: 1, jobs: 2, docker: 2, slots: 2 },
    { cores: 2, jobs: 4, docker: 4, slots: 4 },
    { cores: 8, jobs: 16, docker: 12, slots: 12 },
    { cores: 64, jobs: 16, docker: 12, slots: 12 },
  ])("$cores cores: --jobs $jobs, $docker submissions on the engine, $slots Docker checks", (row) => {
    expect(defaultJobs(row.cores)).toBe(row.jobs);
    expect(defaultDockerJobs(row.jobs, row.cores)).toBe(row.docker);
    expect(defaultContainerSlots(row.cores)).toBe(row.slots);
  });
});
