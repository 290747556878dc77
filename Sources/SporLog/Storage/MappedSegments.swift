import Foundation

/// Segments mapped into memory read-only, for reading many stored records without a system call each.
struct MappedSegments {
    let scanner: LogScanner
    private var mappings: [UInt32: UnsafeRawBufferPointer] = [:]

    init(scanner: LogScanner) { self.scanner = scanner }

    /// The bytes of `segment` as far as it was written when first asked for.
    mutating func bytes(of segment: UInt32) throws -> UnsafeRawBufferPointer {
        if let bytes = mappings[segment] { return bytes }
        let descriptor = try scanner.openForReading(segment: segment)
        defer { close(descriptor) }
        var info = stat()
        let path = SegmentName.fileName(segment)
        guard fstat(descriptor, &info) == 0 else { throw LogError.io("stat", path) }
        let size = Int(info.st_size)
        guard size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        // Populated at once: faulting in page by page costs more than the mapping saves.
        #if os(Linux)
        let flags = MAP_SHARED | MAP_POPULATE
        #else
        let flags = MAP_SHARED
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            throw LogError.io("mmap", path)
        }
        let bytes = UnsafeRawBufferPointer(start: address, count: size)
        mappings[segment] = bytes
        return bytes
    }

    /// Unmaps every segment; the buffers handed out are invalid afterwards.
    mutating func unmapAll() {
        for bytes in mappings.values { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
        mappings = [:]
    }
}
