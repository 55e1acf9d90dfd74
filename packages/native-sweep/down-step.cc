// The downstream lane step of firm-level ESRI in native code (ADR 0023), for CPUs with AVX-512.
//
// One dense downstream step of 8 or 16 firms at once, as packages/engine/src/esri/downstream-lanes.ts
// runs it (its comment and sweep-kernel/down-wat.ts describe the arrays): each market's availability
// Σ s_out·hd summed block by block in firm index order (substitution.ts), every supplier's damage
// σ·(1 − hd), then every firm's row, the least over its rating-2 input groups and its rating-1 group of
// 1 − Σ Λd·dmg, clamped at 0, 0 for a lane's shocked firm, and each lane's largest drop of hd. Same
// IEEE operations in the same order as the WebAssembly step and the JavaScript loops, no fused
// multiply-add, so the same bits; the engine's tests compare them.
//
// Why native: a lane step with both channels in WebAssembly took 12.6 ms on the benchmark network with
// eight lanes (four two-lane instructions per link), a quarter of it the availability sums in
// JavaScript; eight lanes are one 512-bit vector here, and one 64-byte line per supplier read.
#include <cstring>

#include "lanes.h"

namespace chainbrain {
namespace {

// Offsets in the table the engine writes into the memory (one per DownstreamLanes), in this order.
enum Table : int {
  kDmg,
  kMarket,  // market of the firm in slot k
  kSOut,    // s_out of the firm in slot k
  kAvail,
  kPtr,
  kMid,
  kSrc,
  kCoef,
  kPinned,
  kDrop,
  kSlotOf,      // slot of firm i
  kFirmMarket,  // market of firm i
  kFirmSOut,    // s_out of firm i
  kStamp,       // scratch: u32 per market
  kList,        // scratch: i32 per market
  kPartial,     // scratch: f64 per market and lane
  kTableSize,
};

struct DownArgs {
  std::uint8_t *mem;
  std::uint32_t n, markets, block;
  bool substitution;
  double floor;
  std::uint32_t hd, next;
  std::uint32_t at[kTableSize];
};

template <typename T>
T *At(const DownArgs &a, std::uint32_t offset) {
  return reinterpret_cast<T *>(a.mem + offset);
}

// Each market's availability in each lane, as substitution.ts sums it: within each block of `block`
// firms in index order, per market from its first firm's term on; then the blocks' sums in block
// order, onto +0. False when a firm's slot or market is out of range.
template <int Q>
bool Availability(const DownArgs &a) {
  const std::uint32_t *slotOf = At<std::uint32_t>(a, a.at[kSlotOf]);
  const std::uint32_t *market = At<std::uint32_t>(a, a.at[kFirmMarket]);
  const double *sOut = At<double>(a, a.at[kFirmSOut]);
  const v8d *hd = At<v8d>(a, a.hd);
  v8d *avail = At<v8d>(a, a.at[kAvail]);
  std::uint32_t *stamp = At<std::uint32_t>(a, a.at[kStamp]);
  std::uint32_t *list = At<std::uint32_t>(a, a.at[kList]);
  v8d *partial = At<v8d>(a, a.at[kPartial]);
  for (std::uint32_t mk = 0; mk < a.markets; mk++) {
    stamp[mk] = UINT32_MAX;
    for (int q = 0; q < Q; q++) avail[static_cast<std::size_t>(mk) * Q + q] = v8d{};
  }
  for (std::uint32_t from = 0, b = 0; from < a.n; from += a.block, b++) {
    const std::uint32_t to = a.n - from < a.block ? a.n : from + a.block;
    std::uint32_t count = 0;
    for (std::uint32_t i = from; i < to; i++) {
      const std::uint32_t mk = market[i];
      const std::uint32_t k = slotOf[i];
      if (mk >= a.markets || k >= a.n) return false;
      const double so = sOut[i];
      const v8d *h = hd + static_cast<std::size_t>(k) * Q;
      v8d *p = partial + static_cast<std::size_t>(mk) * Q;
      if (stamp[mk] != b) {
        stamp[mk] = b;
        list[count++] = mk;
        for (int q = 0; q < Q; q++) p[q] = so * h[q];
      } else {
        for (int q = 0; q < Q; q++) p[q] = p[q] + so * h[q];
      }
    }
    for (std::uint32_t t = 0; t < count; t++) {
      const std::size_t at = static_cast<std::size_t>(list[t]) * Q;
      for (int q = 0; q < Q; q++) avail[at + q] = avail[at + q] + partial[at + q];
    }
  }
  return true;
}

// dmg = σ·(1 − hd) where hd < 1, else +0; σ = 1 without substitution, else 1 when the market's
// availability is at most `floor`, else (s_out/avail < 1 ? s_out/avail : 1) (f64x2.pmin, as down-wat.ts).
template <int Q>
bool Damage(const DownArgs &a) {
  const std::uint32_t *market = At<std::uint32_t>(a, a.at[kMarket]);
  const double *sOut = At<double>(a, a.at[kSOut]);
  const v8d *hd = At<v8d>(a, a.hd);
  const v8d *avail = At<v8d>(a, a.at[kAvail]);
  v8d *dmg = At<v8d>(a, a.at[kDmg]);
  const v8d one = v8d{} + 1.0;
  const v8d floor = v8d{} + a.floor;
  for (std::uint32_t j = 0; j < a.n; j++) {
    const v8d *h = hd + static_cast<std::size_t>(j) * Q;
    v8d *d = dmg + static_cast<std::size_t>(j) * Q;
    if (a.substitution) {
      const std::uint32_t mk = market[j];
      if (mk >= a.markets) return false;
      const v8d *av = avail + static_cast<std::size_t>(mk) * Q;
      const v8d so = v8d{} + sOut[j];
      for (int q = 0; q < Q; q++) {
        const v8d ratio = so / av[q];
        const v8d s = av[q] <= floor ? one : (ratio < one ? ratio : one);
        d[q] = h[q] < one ? s * (one - h[q]) : v8d{};
      }
    } else {
      for (int q = 0; q < Q; q++) d[q] = h[q] < one ? one * (one - h[q]) : v8d{};
    }
  }
  return true;
}

// Every firm's new hd into next, and each lane's largest drop hd − next into drop. A rating-2 group
// ends at a link whose supplier has bit 31 set: there each lane's least value takes 1 − its sum
// (p < v ? p : v, f64x2.pmin) and the sum starts again from +0. down-wat.ts does this without a
// branch; here a branch per group was a little faster (3.1–3.3 ms a step against 3.4–3.5 on the
// benchmark network), since 92% of its groups have one link, so the branch is mostly taken.
// False when a row runs outside the links or a link names a slot outside 0..n-1.
template <int Q>
bool Rows(const DownArgs &a, std::uint32_t m) {
  constexpr int L = 8 * Q;
  const std::int32_t *ptr = At<std::int32_t>(a, a.at[kPtr]);
  const std::int32_t *mid = At<std::int32_t>(a, a.at[kMid]);
  const std::int32_t *src = At<std::int32_t>(a, a.at[kSrc]);
  const double *coef = At<double>(a, a.at[kCoef]);
  const v8d *dmg = At<v8d>(a, a.at[kDmg]);
  const v8d *hd = At<v8d>(a, a.hd);
  v8d *next = At<v8d>(a, a.next);
  const std::uint32_t *pinned = At<std::uint32_t>(a, a.at[kPinned]);
  const v8d one = v8d{} + 1.0;
  const v8d zero = v8d{};
  v8d drop[Q] = {};
  for (std::uint32_t i = 0; i < a.n; i++) {
    const std::int32_t start = ptr[i], middle = mid[i], end = ptr[i + 1];
    if (start < 0 || middle < start || end < middle || static_cast<std::uint32_t>(end) > m) return false;
    v8d v[Q], acc[Q];
    for (int q = 0; q < Q; q++) {
      v[q] = one;
      acc[q] = zero;
    }
    std::int32_t e = start;
    while (e < middle) {
      std::int32_t x;
      do {
        x = src[e];
        const std::uint32_t slot = static_cast<std::uint32_t>(x) & 0x7fffffffu;
        if (slot >= a.n) return false;
        const v8d *b = dmg + static_cast<std::size_t>(slot) * Q;
        const double c = coef[e];
        for (int q = 0; q < Q; q++) acc[q] = acc[q] + c * b[q];
        e++;
      } while (x >= 0 && e < middle);
      if (x < 0) {
        for (int q = 0; q < Q; q++) {
          const v8d p = one - acc[q];
          v[q] = p < v[q] ? p : v[q];
          acc[q] = zero;
        }
      }
    }
    for (int q = 0; q < Q; q++) acc[q] = zero;
    for (; e < end; e++) {
      const std::uint32_t slot = static_cast<std::uint32_t>(src[e]);
      if (slot >= a.n) return false;
      const v8d *b = dmg + static_cast<std::size_t>(slot) * Q;
      const double c = coef[e];
      for (int q = 0; q < Q; q++) acc[q] = acc[q] + c * b[q];
    }
    for (int q = 0; q < Q; q++) {
      const v8d p = one - acc[q];
      const v8d least = p < v[q] ? p : v[q];
      // f64x2.pmax(least, 0) is (least < 0 ? 0 : least).
      v[q] = least < zero ? zero : least;
    }
    const std::uint32_t pin = pinned[i];
    if (pin) {
      double *lanes = reinterpret_cast<double *>(v);
      for (int l = 0; l < L; l++)
        if (pin & (1u << l)) lanes[l] = 0.0;
    }
    const v8d *h = hd + static_cast<std::size_t>(i) * Q;
    v8d *o = next + static_cast<std::size_t>(i) * Q;
    for (int q = 0; q < Q; q++) {
      const v8d change = h[q] - v[q];
      drop[q] = drop[q] < change ? change : drop[q];
      o[q] = v[q];
    }
  }
  std::memcpy(At<double>(a, a.at[kDrop]), drop, sizeof drop);
  return true;
}

template <int Q>
bool Step(const DownArgs &a, std::uint32_t m) {
  if (a.substitution && !Availability<Q>(a)) return false;
  return Damage<Q>(a) && Rows<Q>(a, m);
}

}  // namespace

// down(memory: ArrayBuffer, lanes, n, markets, substitution (0 or 1), floor, block, table, hd, next):
// one step; `table` is the offset of the u32 offsets listed in Table, hd and next those of the lane
// arrays (they trade places between steps).
napi_value DownStepEntry(napi_env env, napi_callback_info info) {
  constexpr int kArgs = 10;
  std::size_t argc = kArgs;
  napi_value argv[kArgs];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != kArgs)
    return Fail(env, "down: expected 10 arguments");
  void *data = nullptr;
  std::size_t length = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok)
    return Fail(env, "down: the first argument must be an ArrayBuffer");
  std::uint32_t head[4];
  std::uint32_t tail[3];
  double floor = 0;
  if (!Uint32Args(env, argv, 1, 4, head) || napi_get_value_double(env, argv[5], &floor) != napi_ok ||
      !Uint32Args(env, argv, 6, 3, tail))
    return Fail(env, "down: lanes, counts and offsets must be numbers");
  std::uint32_t next = 0;
  if (napi_get_value_uint32(env, argv[9], &next) != napi_ok) return Fail(env, "down: next must be a number");
  const std::uint32_t lanes = head[0];
  if (lanes != 8 && lanes != 16) return Fail(env, "down: lanes must be 8 or 16");
  DownArgs a{};
  a.mem = static_cast<std::uint8_t *>(data);
  a.n = head[1];
  a.markets = head[2];
  a.substitution = head[3] != 0;
  a.floor = floor;
  a.block = tail[0];
  a.hd = tail[2];
  a.next = next;
  if (a.block == 0) return Fail(env, "down: block must be at least 1");
  const std::uint32_t table = tail[1];
  if (!Inside(length, table, 4 * kTableSize, 4)) return Fail(env, "down: table outside the memory");
  std::memcpy(a.at, a.mem + table, sizeof a.at);

  // Every array must lie inside the buffer, with its element's alignment; Rows checks the rows.
  const std::uint64_t n = a.n, markets = a.markets;
  const std::uint64_t values = 8 * n * lanes;
  const std::uint32_t *at = a.at;
  if (!Inside(length, at[kPtr], 4 * (n + 1), 4)) return Fail(env, "down: ptr outside the memory");
  const std::int32_t *ptr = At<std::int32_t>(a, at[kPtr]);
  if (ptr[0] < 0 || ptr[n] < ptr[0]) return Fail(env, "down: ptr is not a row pointer");
  const std::uint64_t m = static_cast<std::uint64_t>(ptr[n]);
  const bool fits =
      Inside(length, a.hd, values, 8) && Inside(length, a.next, values, 8) &&
      Inside(length, at[kDmg], values, 8) && Inside(length, at[kMarket], 4 * n, 4) &&
      Inside(length, at[kSOut], 8 * n, 8) && Inside(length, at[kAvail], 8 * markets * lanes, 8) &&
      Inside(length, at[kMid], 4 * n, 4) && Inside(length, at[kSrc], 4 * m, 4) &&
      Inside(length, at[kCoef], 8 * m, 8) && Inside(length, at[kPinned], 4 * n, 4) &&
      Inside(length, at[kDrop], 8 * static_cast<std::uint64_t>(lanes), 8) &&
      Inside(length, at[kSlotOf], 4 * n, 4) && Inside(length, at[kFirmMarket], 4 * n, 4) &&
      Inside(length, at[kFirmSOut], 8 * n, 8) && Inside(length, at[kStamp], 4 * markets, 4) &&
      Inside(length, at[kList], 4 * markets, 4) && Inside(length, at[kPartial], 8 * markets * lanes, 8);
  if (!fits) return Fail(env, "down: an array lies outside the memory");
  const std::uint32_t links = static_cast<std::uint32_t>(m);
  const bool stepped = lanes == 8 ? Step<1>(a, links) : Step<2>(a, links);
  if (!stepped) return Fail(env, "down: a row, link, slot or market points outside the network");
  return nullptr;
}

}  // namespace chainbrain
