import CSporCPU

/// How the daemon's memory allocator gives memory back to the system.
enum AllocatorSettings {
    /// Allocations of this many bytes or more get pages of their own.
    static let ownPagesFrom: Int32 = 1 << 20

    /// Gives every allocation of ``ownPagesFrom`` bytes or more pages of its own (`mmap`), returned to the system
    /// when it is freed. Left alone, glibc raises that threshold each time such a block is freed, so the
    /// temporaries of reports and of building the attention list (tens of megabytes each at 5 million responses)
    /// stay in the heap after use: measured at 5M, about 120 MB more resident once the attention list is built and
    /// 85 MB more after writes beside reports (docs/log.md, "Benchmark").
    static func apply() {
        spor_own_pages_from(ownPagesFrom)
    }
}
