import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["scripts/test-setup.ts"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
    include: ["src/**/*.test.ts", "graders/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    // Docker tests share one engine on a 2-core machine: files run one at a time there,
    // and each test has room for a real image build.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The validated-rubric cache of the commands the tests run goes to a folder of the tests' own.
    env: {
      TESTCONTAINERS_RYUK_DISABLED: "true",
      DOCKGRADE_CACHE_DIR: path.join(os.tmpdir(), "dockgrade-test-cache"),
    },
  },
});
