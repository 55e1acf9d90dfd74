// The native lane sweep for tests (ADR 0023), built on this machine when it can be.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildNativeSweep } from '@chainbrain/native-sweep';
import { loadNativeSweep, type NativeSweepModule } from '../esri/sweep-kernel/native.js';

export const nativeBuild = buildNativeSweep();

export const nativeSweep: NativeSweepModule | undefined = nativeBuild.available
  ? loadNativeSweep(nativeBuild.path)
  : undefined;

/**
 * Whether this machine should have a native sweep: a Linux x64 CPU with AVX-512 and a C++ compiler,
 * and not turned off. Tests insist on it then, so a broken build fails them rather than skipping the
 * native cases.
 */
export function nativeSweepExpected(): boolean {
  if (process.env.CHAINBRAIN_NATIVE === '0' || process.platform !== 'linux' || process.arch !== 'x64')
    return false;
  try {
    if (!/\bavx512f\b/.test(readFileSync('/proc/cpuinfo', 'utf8'))) return false;
    execFileSync(process.env.CXX ?? 'c++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
