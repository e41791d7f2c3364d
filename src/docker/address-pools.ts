import { engineMessage } from "./engine.js";

/**
 * Engines hold about 30 bridge networks with their default address pools ("could not find an available,
 * non-overlapping IPv4 address pool"). When other sessions (of this process or another) hold them all,
 * wait for one to be released — up to a minute — rather than fail the student's check.
 */
export async function retryWhilePoolsExhausted<T>(
  create: () => Promise<T>,
  signal: AbortSignal,
  budgetMs = 60_000,
): Promise<T> {
  const started = Date.now();
  for (let delay = 250; ; delay = Math.min(delay * 2, 4_000)) {
    try {
      return await create();
    } catch (error) {
      const exhausted = /available.*address pool|address pools have been fully subnetted/i.test(
        engineMessage(error),
      );
      if (!exhausted || signal.aborted || Date.now() - started + delay > budgetMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
