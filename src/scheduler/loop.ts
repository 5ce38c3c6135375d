import type { Logger } from '../log.ts';

export type Loop = { stop(): Promise<void> };

/**
 * Runs `work` every `intervalMs`, never two at once; a failing round is logged and the next one
 * runs as usual. `stop` waits for a round in progress.
 */
export function startLoop(name: string, intervalMs: number, work: () => Promise<unknown>, log: Logger): Loop {
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = () => {
    if (running || stopped) return;
    running = work()
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err, loop: name }, 'scheduled round failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  round();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
