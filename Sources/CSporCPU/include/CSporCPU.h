#ifndef CSPOR_CPU_H
#define CSPOR_CPU_H

#include <stddef.h>
#include <stdint.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Whether this CPU has the CRC-32C instruction (x86-64 SSE 4.2).
int spor_crc32c_hardware_available(void);

/// Continues the raw (not inverted) CRC-32C register `crc` over `count` bytes with the CPU's instruction.
/// Call only when `spor_crc32c_hardware_available()` is true.
uint32_t spor_crc32c_hardware(uint32_t crc, const void *bytes, size_t count);

/// Asks the CPU to bring the cache line at `address` in, without waiting for it.
static inline void spor_prefetch(const void *address) {
    __builtin_prefetch(address);
}

/// Gives every allocation of `bytes` or more pages of its own, returned to the system when it is freed (glibc's
/// `M_MMAP_THRESHOLD`, which also stops glibc from raising that threshold); does nothing on other C libraries.
static inline void spor_own_pages_from(int bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, bytes);
#endif
}

#endif
