/**
 * Runs `fn`, which must throw one of the project's errors that carry `problems` (ConfigError,
 * CouncilFileError, KnowledgeError, ...), and returns those lines; [] when it does not throw.
 */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error && Array.isArray((err as { problems?: unknown }).problems)) {
      return (err as Error & { problems: string[] }).problems;
    }
    throw err;
  }
  return [];
}
