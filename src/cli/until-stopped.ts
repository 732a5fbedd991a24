/** Resolves when the process is asked to stop (Ctrl+C or SIGTERM): how a serving command waits. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
