/**
 * Builds the native kernels (sweep.cc, down-step.cc) into one Node addon for this machine, once, and
 * says why not when it cannot.
 *
 * The addon is compiled for the CPU it runs on (-march=native), so it is built on the machine, at first
 * use, not shipped. It is kept under a name made from everything that could change it (the source, the
 * flags, the compiler, Node's addon interface, the CPU), so later runs load it at once and a change of
 * any of these builds it again. Two threads or processes building at once each write their own file and
 * rename it into place, so neither ever loads a half-written one.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/** The addon's sources: the files compiled, then the header they share (hashed into the name too). */
export const SWEEP_SOURCES = ['../sweep.cc', '../down-step.cc'].map((file) =>
  fileURLToPath(new URL(file, import.meta.url)),
);
const SWEEP_HEADERS = ['../lanes.h'].map((file) => fileURLToPath(new URL(file, import.meta.url)));
const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../build/', import.meta.url));

/**
 * No fused multiply-add (-mno-fma, -ffp-contract=off) and no fast-math: every product and sum is
 * rounded as in the WebAssembly kernel, which is what makes the bits the same.
 */
export const SWEEP_FLAGS = [
  '-O3',
  '-march=native',
  '-mno-fma',
  '-ffp-contract=off',
  '-std=c++17',
  '-shared',
  '-fPIC',
  '-fvisibility=hidden',
];

export type NativeSweepBuild =
  | { available: true; path: string; vectorBits: number; built: boolean }
  | { available: false; reason: string };

export type NativeSweepOptions = {
  /** Where built addons are kept (default: $CHAINBRAIN_NATIVE_DIR, else packages/native-sweep/build/). */
  cacheDir?: string;
  /** The C++ compiler (default: $CXX, else c++). */
  compiler?: string;
  /** Node's C headers (default: $CHAINBRAIN_NODE_INCLUDE, else include/node beside Node's bin/). */
  nodeInclude?: string;
  env?: NodeJS.ProcessEnv;
};

const unavailable = (reason: string): NativeSweepBuild => ({ available: false, reason });

/** The CPU's model name and flags (Linux), or undefined. */
function cpuFingerprint(): { model: string; flags: string } | undefined {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(info)?.[1] ?? '';
    return { model: field('model name'), flags: field('flags') };
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ''
  );
}

/**
 * The path of this machine's native sweep, built if need be; or why there is none. Only CPUs with
 * AVX-512 get one: with narrower vectors the native sweep of eight lanes was three times slower than
 * the WebAssembly sweep of four (bench/RESULTS.md), so the engine keeps WebAssembly there.
 */
export function buildNativeSweep(options: NativeSweepOptions = {}): NativeSweepBuild {
  const env = options.env ?? process.env;
  if (env.CHAINBRAIN_NATIVE === '0') return unavailable('turned off (CHAINBRAIN_NATIVE=0)');
  if (platform() !== 'linux' || arch() !== 'x64') return unavailable(`not built on ${platform()}/${arch()}`);
  const cpu = cpuFingerprint();
  if (!cpu) return unavailable('/proc/cpuinfo unreadable');
  if (!/\bavx512f\b/.test(cpu.flags)) return unavailable('the CPU has no AVX-512');
  const include =
    options.nodeInclude ??
    env.CHAINBRAIN_NODE_INCLUDE ??
    join(dirname(dirname(process.execPath)), 'include', 'node');
  if (!existsSync(join(include, 'node_api.h')))
    return unavailable(`Node's C headers not found in ${include}`);
  const compiler = options.compiler ?? env.CXX ?? 'c++';
  let version: string;
  try {
    version = execFileSync(compiler, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
  } catch {
    return unavailable(`no C++ compiler (${compiler})`);
  }
  const source = [...SWEEP_SOURCES, ...SWEEP_HEADERS].map((file) => readFileSync(file, 'utf8'));
  const key = createHash('sha256')
    .update(
      JSON.stringify([source, SWEEP_FLAGS, compiler, version, process.versions.napi, cpu.model, cpu.flags]),
    )
    .digest('hex')
    .slice(0, 20);
  const cacheDir = options.cacheDir ?? env.CHAINBRAIN_NATIVE_DIR ?? DEFAULT_CACHE_DIR;
  const path = join(cacheDir, `sweep-${key}.node`);
  let built = false;
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.${threadId}.partial`;
    try {
      mkdirSync(cacheDir, { recursive: true });
    } catch (error) {
      return unavailable(`cannot write ${cacheDir}: ${firstLine((error as Error).message)}`);
    }
    try {
      execFileSync(compiler, [...SWEEP_FLAGS, '-I', include, ...SWEEP_SOURCES, '-o', partial], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
      renameSync(partial, path);
      built = true;
    } catch (error) {
      rmSync(partial, { force: true });
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      return unavailable(`build failed: ${firstLine(stderr) || (error as Error).message}`);
    }
  }
  let vectorBits: unknown;
  try {
    vectorBits = (createRequire(import.meta.url)(path) as { vectorBits?: unknown }).vectorBits;
  } catch (error) {
    return unavailable(`built but not loadable: ${firstLine((error as Error).message)}`);
  }
  if (vectorBits !== 512) return unavailable(`built without AVX-512 (${String(vectorBits)}-bit vectors)`);
  return { available: true, path, vectorBits, built };
}
