/** When base images are pulled (`--pull`): a list the command line can offer without loading Docker. */
export type PullPolicy = "missing" | "always" | "never";
export const PULL_POLICIES: readonly PullPolicy[] = ["missing", "always", "never"];
