import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNativeSweep } from './build.js';

describe('native sweep build', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainbrain-native-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('says why there is none when turned off, without a compiler or without Node headers', () => {
    expect(buildNativeSweep({ env: { CHAINBRAIN_NATIVE: '0' } })).toEqual({
      available: false,
      reason: 'turned off (CHAINBRAIN_NATIVE=0)',
    });
    const noCompiler = buildNativeSweep({ compiler: 'no-such-compiler-here', cacheDir: freshDir(), env: {} });
    const noHeaders = buildNativeSweep({ nodeInclude: freshDir(), cacheDir: freshDir(), env: {} });
    // On a machine that would not build it anyway (no AVX-512, not Linux x64), that reason comes first.
    const first = buildNativeSweep({ env: { CHAINBRAIN_NATIVE: '0' } });
    expect(first.available).toBe(false);
    for (const result of [noCompiler, noHeaders]) expect(result.available).toBe(false);
    const reasons = [noCompiler, noHeaders].map((r) => (r.available ? '' : r.reason));
    if (!reasons.some((r) => /AVX-512|not built on|cpuinfo/.test(r))) {
      expect(reasons[0]).toBe('no C++ compiler (no-such-compiler-here)');
      expect(reasons[1]).toMatch(/^Node's C headers not found in /);
    }
  });

  it('builds once per machine and source, then finds the built addon', () => {
    const cacheDir = freshDir();
    const first = buildNativeSweep({ cacheDir, env: {} });
    if (!first.available) {
      // Nothing to build here; the reason must say why.
      expect(first.reason).not.toBe('');
      return;
    }
    expect(first).toMatchObject({ built: true, vectorBits: 512 });
    expect(first.path.startsWith(cacheDir)).toBe(true);
    const second = buildNativeSweep({ cacheDir, env: {} });
    expect(second).toEqual({ ...first, built: false });
    // Only the finished addon is left: no partial file of the build.
    expect(readdirSync(cacheDir)).toEqual([first.path.slice(cacheDir.length + 1)]);
  });

  it('says so when it cannot write its folder, instead of failing the command', () => {
    const dir = freshDir();
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const result = buildNativeSweep({ cacheDir: join(file, 'build'), env: {} });
    expect(result.available).toBe(false);
    if (!result.available && /AVX-512|not built on|cpuinfo|headers|compiler/.test(result.reason)) return;
    expect(result).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^cannot write .*a-file\/build: /),
    });
    // $CHAINBRAIN_NATIVE_DIR moves the folder.
    const moved = freshDir();
    const there = buildNativeSweep({ env: { CHAINBRAIN_NATIVE_DIR: moved } });
    expect(there.available && there.path.startsWith(moved)).toBe(true);
  });

  it('reports a failed build with the compiler message and leaves no file behind', () => {
    // A compiler that knows its version but fails every build, as a broken toolchain would.
    const dir = freshDir();
    const compiler = join(dir, 'broken-c++');
    writeFileSync(
      compiler,
      '#!/bin/sh\nif [ "$1" = --version ]; then echo broken 1.0; exit 0; fi\necho "sweep.cc:1: error: boom" >&2\nexit 1\n',
    );
    chmodSync(compiler, 0o755);
    const cacheDir = freshDir();
    const result = buildNativeSweep({ compiler, cacheDir, env: {} });
    expect(result.available).toBe(false);
    if (!result.available && /AVX-512|not built on|cpuinfo|headers/.test(result.reason)) return;
    expect(result).toEqual({ available: false, reason: 'build failed: sweep.cc:1: error: boom' });
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
