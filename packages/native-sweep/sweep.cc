// The lane sweep of firm-level ESRI in native code, for CPUs with AVX-512 (ADR 0023).
//
// It does exactly what the WebAssembly kernel does (packages/engine/src/esri/sweep-kernel/wat.ts, whose
// comment describes the arrays and the two passes): for every slot k, next[k] = Σ_e coef[e] · cur[dst[e]]
// in each lane, pinned lanes set to 0, then per lane the largest new value, Σ w·next, Σ g·next and the
// list of slots above `thr`. Same IEEE products and sums, in the same order, no fused multiply-add
// (built with -mno-fma -ffp-contract=off), so it gives the WebAssembly kernel's bits; the engine's tests
// compare them bit for bit.
//
// Why native: WebAssembly SIMD has 128-bit vectors, two lanes of f64. With 512-bit vectors one
// instruction does eight lanes, and eight lanes of one firm fill one 64-byte cache line, so a link's
// gather reads one line and uses all of it (with four lanes it used half). On the benchmark network a
// sweep of eight lanes here cost 0.66–0.69 of four WebAssembly lanes' time per lane (bench/RESULTS.md).
//
// Lanes are 8 or 16 (one or two vectors per slot). The arrays live in one ArrayBuffer (the engine's
// WebAssembly memory); every argument after it is a byte offset into it, as in wat.ts.
//
// It can also add the new values to the running sums (wat.ts's `accumulate`, which lanes running both
// channels need) in its second pass, where it holds them anyway: the same additions, without a
// separate pass over the lane arrays (that pass took about a twentieth of the firm work on the benchmark
// network with eight lanes).
#include <cstring>

#include "lanes.h"

namespace {

using chainbrain::Fail;
using chainbrain::Inside;
using chainbrain::kVectorBits;
using chainbrain::v8d;
using chainbrain::v8l;

struct Args {
  std::uint8_t *mem;
  std::uint32_t n, ptr, dst, coef, cur, next, w, pinned, out, g, list, sums;
  double thr;
};

// Returns false, having stopped part way, when a row pointer runs backwards or past the links or a link
// names a slot outside 0..n-1: memory it must not read. The engine never passes such rows (it builds
// them from its network); the checks cost a compare per row and per link, which the gathers hide.
template <int Q, bool Accumulate>
bool Sweep(const Args &a, std::uint32_t m) {
  constexpr int L = 8 * Q;
  const std::int32_t *P = reinterpret_cast<const std::int32_t *>(a.mem + a.ptr);
  const std::int32_t *D = reinterpret_cast<const std::int32_t *>(a.mem + a.dst);
  const double *C = reinterpret_cast<const double *>(a.mem + a.coef);
  const v8d *cur = reinterpret_cast<const v8d *>(a.mem + a.cur);
  v8d *next = reinterpret_cast<v8d *>(a.mem + a.next);
  const double *W = reinterpret_cast<const double *>(a.mem + a.w);
  const std::uint32_t *pinned = reinterpret_cast<const std::uint32_t *>(a.mem + a.pinned);
  const double *G = reinterpret_cast<const double *>(a.mem + a.g);
  std::int32_t *list = reinterpret_cast<std::int32_t *>(a.mem + a.list);
  v8d *sums = reinterpret_cast<v8d *>(a.mem + a.sums);
  const int n = static_cast<int>(a.n);

  // Pass 1: each row's sums, stored at its slot. The sum starts at +0 and adds coef·value link by link,
  // as wat.ts does.
  std::int32_t e = P[0];
  for (int k = 0; k < n; k++) {
    v8d acc[Q] = {};
    const std::int32_t end = P[k + 1];
    if (end < e || static_cast<std::uint32_t>(end) > m) return false;
    for (; e < end; e++) {
      const std::uint32_t slot = static_cast<std::uint32_t>(D[e]);
      if (slot >= a.n) return false;
      const v8d *b = cur + static_cast<std::size_t>(slot) * Q;
      const double c = C[e];
      for (int q = 0; q < Q; q++) acc[q] = acc[q] + c * b[q];
    }
    for (int q = 0; q < Q; q++) next[static_cast<std::size_t>(k) * Q + q] = acc[q];
  }

  // Pass 2: pinned lanes to 0, the per-lane maxima and sums, and the slots above thr, slot by slot.
  v8d max[Q] = {}, sum[Q] = {}, ahead[Q] = {};
  int count = 0;
  for (int k = 0; k < n; k++) {
    v8d *o = next + static_cast<std::size_t>(k) * Q;
    const std::uint32_t pin = pinned[k];
    if (pin) {
      double *lanes = reinterpret_cast<double *>(o);
      for (int l = 0; l < L; l++)
        if (pin & (1u << l)) lanes[l] = 0.0;
    }
    const double wi = W[k];
    const double gi = G[k];
    v8l above = {};
    for (int q = 0; q < Q; q++) {
      const v8d v = o[q];
      if (Accumulate) sums[static_cast<std::size_t>(k) * Q + q] = sums[static_cast<std::size_t>(k) * Q + q] + v;
      sum[q] = sum[q] + wi * v;
      // f64x2.pmax(max, v) is (max < v ? v : max).
      max[q] = max[q] < v ? v : max[q];
      ahead[q] = ahead[q] + gi * v;
      above |= v > a.thr;
    }
    bool listed = false;
    for (int l = 0; l < 8; l++) listed |= above[l] != 0;
    if (listed) list[++count] = k;
  }
  double *out = reinterpret_cast<double *>(a.mem + a.out);
  std::memcpy(out, max, sizeof max);
  std::memcpy(out + L, sum, sizeof sum);
  std::memcpy(out + 2 * L, ahead, sizeof ahead);
  list[0] = count;
  return true;
}

// sweep(memory: ArrayBuffer, lanes, n, ptr, dst, coef, cur, next, w, pinned, out, g, thr, list, sums)
// with sums = -1 for no running sums.
napi_value SweepEntry(napi_env env, napi_callback_info info) {
  std::size_t argc = 15;
  napi_value argv[15];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 15)
    return Fail(env, "sweep: expected 15 arguments");
  void *data = nullptr;
  std::size_t length = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok)
    return Fail(env, "sweep: the first argument must be an ArrayBuffer");
  std::uint32_t u[14];
  for (int i = 1; i < 15; i++) {
    if (i == 12) continue;
    if (napi_get_value_uint32(env, argv[i], &u[i - 1]) != napi_ok)
      return Fail(env, "sweep: lanes, n and offsets must be numbers");
  }
  Args a{};
  if (napi_get_value_double(env, argv[12], &a.thr) != napi_ok) return Fail(env, "sweep: thr must be a number");
  const std::uint32_t lanes = u[0];
  a.mem = static_cast<std::uint8_t *>(data);
  a.n = u[1];
  a.ptr = u[2];
  a.dst = u[3];
  a.coef = u[4];
  a.cur = u[5];
  a.next = u[6];
  a.w = u[7];
  a.pinned = u[8];
  a.out = u[9];
  a.g = u[10];
  a.list = u[12];
  a.sums = u[13];
  const bool accumulate = a.sums != UINT32_MAX;
  if (lanes != 8 && lanes != 16) return Fail(env, "sweep: lanes must be 8 or 16");

  // Every array must lie inside the buffer, with its element's alignment; Sweep checks the rows.
  const std::uint64_t n = a.n;
  if (!Inside(length, a.ptr, 4 * (n + 1), 4)) return Fail(env, "sweep: ptr outside the memory");
  const std::int32_t *P = reinterpret_cast<const std::int32_t *>(a.mem + a.ptr);
  if (P[0] < 0 || P[n] < P[0]) return Fail(env, "sweep: ptr is not a row pointer");
  const std::uint64_t m = static_cast<std::uint64_t>(P[n]);
  const std::uint64_t values = 8 * n * lanes;
  if (!Inside(length, a.dst, 4 * m, 4) || !Inside(length, a.coef, 8 * m, 8) || !Inside(length, a.cur, values, 8) ||
      !Inside(length, a.next, values, 8) || !Inside(length, a.w, 8 * n, 8) || !Inside(length, a.pinned, 4 * n, 4) ||
      !Inside(length, a.out, 24 * static_cast<std::uint64_t>(lanes), 8) || !Inside(length, a.g, 8 * n, 8) ||
      !Inside(length, a.list, 4 * (n + 1), 4) || (accumulate && !Inside(length, a.sums, values, 8)))
    return Fail(env, "sweep: an array lies outside the memory");
  const std::uint32_t links = static_cast<std::uint32_t>(m);
  const bool swept = lanes == 8 ? (accumulate ? Sweep<1, true>(a, links) : Sweep<1, false>(a, links))
                                : (accumulate ? Sweep<2, true>(a, links) : Sweep<2, false>(a, links));
  if (!swept) return Fail(env, "sweep: a row or link points outside the network");
  return nullptr;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_value sweep;
  napi_value down;
  napi_value bits;
  if (napi_create_function(env, "sweep", NAPI_AUTO_LENGTH, SweepEntry, nullptr, &sweep) != napi_ok ||
      napi_set_named_property(env, exports, "sweep", sweep) != napi_ok ||
      napi_create_function(env, "down", NAPI_AUTO_LENGTH, chainbrain::DownStepEntry, nullptr, &down) != napi_ok ||
      napi_set_named_property(env, exports, "down", down) != napi_ok ||
      napi_create_int32(env, kVectorBits, &bits) != napi_ok ||
      napi_set_named_property(env, exports, "vectorBits", bits) != napi_ok)
    return nullptr;
  return exports;
}
