// Ctrl-C or `kill` during a run with --out ended the process without running `finally`, so the partial
// file beside the target stayed behind. Node ends a process on SIGINT, SIGTERM and SIGHUP only while
// nothing listens for them, so listening, cleaning up and raising the signal again gives the clean-up
// and the usual end (the shell's 130, 143, 129).
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until release() is called, runs cleanUp (synchronous: a dying process cannot wait) when one of those
 * signals arrives, and then ends the process by that signal; and runs it when the process exits any
 * other way (process.exit, an uncaught error). Returns release.
 */
export function cleanUpOnExit(cleanUp: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    cleanUp();
    process.kill(process.pid, signal);
    // Should another listener keep the signal from ending the process, end it with the shell's code.
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 1000);
  };
  const onExit = () => cleanUp();
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
  function release() {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', onExit);
  }
  return release;
}
