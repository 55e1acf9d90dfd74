// How many worker threads `chainbrain esri` runs. Each worker holds its own workspaces (tens of MB on a
// large network), and workers beyond the CPUs only take turns: --threads 200 on a 2-CPU machine ran
// over 120 s and 5.4 GB where 2 threads took 1 s. So the count is held to the CPUs this process may use.

/**
 * More is refused as a mistake rather than held down: no machine this runs on has more CPUs worth a
 * thread each, and a number this large is most likely a typo.
 */
export const MAX_THREADS = 64;

/** The threads to run for `asked`, and a note when they are fewer than asked. */
export function usableThreads(
  asked: number,
  cpus: number,
): { threads: number; note?: { en: string; zh: string } } {
  if (asked <= cpus) return { threads: asked };
  return {
    threads: cpus,
    note: {
      en: `--threads ${asked} is more than the ${cpus} CPUs this process may use, which only slows the run and costs memory; running ${cpus}`,
      zh: `--threads ${asked} 超过本进程可用的 ${cpus} 个 CPU，只会更慢且更占内存；改用 ${cpus} 个线程`,
    },
  };
}
