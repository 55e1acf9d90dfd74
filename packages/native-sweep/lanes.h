// What the native kernels of firm-level ESRI share (ADR 0023): the vector types, the checks on the
// arrays they are given, and how they throw.
#pragma once

#include <node_api.h>

#include <cstddef>
#include <cstdint>

namespace chainbrain {

// Eight doubles, loadable from any 8-byte aligned address.
typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef std::int64_t v8l __attribute__((vector_size(64), aligned(8)));

#if defined(__AVX512F__)
constexpr int kVectorBits = 512;
#elif defined(__AVX2__)
constexpr int kVectorBits = 256;
#else
constexpr int kVectorBits = 128;
#endif

// Throws a RangeError with `message` (the caller returns nullptr after it).
inline napi_value Fail(napi_env env, const char *message) {
  napi_throw_range_error(env, nullptr, message);
  return nullptr;
}

// Whether `bytes` from offset `at` lie inside a buffer of `length` bytes, with `align`-byte alignment.
inline bool Inside(std::uint64_t length, std::uint64_t at, std::uint64_t bytes, std::uint64_t align) {
  return at % align == 0 && at + bytes <= length;
}

// The arguments of a call: argv[first..first+count) as uint32 into out; false when one is not a number.
inline bool Uint32Args(napi_env env, const napi_value *argv, int first, int count, std::uint32_t *out) {
  for (int i = 0; i < count; i++)
    if (napi_get_value_uint32(env, argv[first + i], &out[i]) != napi_ok) return false;
  return true;
}

// The downstream lane step (down-step.cc).
napi_value DownStepEntry(napi_env env, napi_callback_info info);

}  // namespace chainbrain
