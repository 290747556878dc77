import Foundation

/// Buffered writes to a file descriptor, for output of millions of lines.
public struct FileOutput {
    public let descriptor: Int32
    private var buffer: [UInt8] = []

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends `text`, writing the buffer out when it is full.
    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered.
    public mutating func flush() {
        var done = 0
        while done < buffer.count {
            let count = buffer.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            done += count
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
