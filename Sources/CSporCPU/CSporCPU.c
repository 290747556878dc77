#include "CSporCPU.h"

#include <string.h>

#if defined(__x86_64__)

int spor_crc32c_hardware_available(void) {
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t spor_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uint64_t value = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        value = __builtin_ia32_crc32di(value, word);
        p += 8;
        count -= 8;
    }
    uint32_t result = (uint32_t)value;
    while (count > 0) {
        result = __builtin_ia32_crc32qi(result, *p);
        p++;
        count--;
    }
    return result;
}

#else

int spor_crc32c_hardware_available(void) { return 0; }

uint32_t spor_crc32c_hardware(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
