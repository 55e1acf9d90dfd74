// Notes and warnings of `chainbrain esri` on stderr.

/** A line on stderr, in English and Chinese like every other message of the command. */
export function note(message: string, zh: string): void {
  process.stderr.write(`chainbrain esri: ${message} / ${zh}\n`);
}
