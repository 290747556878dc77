import Foundation

/// Streams the lines of a file, never holding more than `limit` bytes of one line: longer lines are reported
/// as too long and skipped without being read into memory.
struct LineReader {
    /// One line: its bytes without the line break, or `nil` when it was longer than the limit.
    struct Line {
        var number: Int
        var bytes: [UInt8]?
    }

    /// The longest line accepted, in bytes.
    static let defaultLimit = 64 << 10

    private let descriptor: Int32
    private let limit: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var number = 0

    init(path: String, limit: Int = LineReader.defaultLimit) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        self.limit = limit
        buffer = [UInt8](repeating: 0, count: 256 << 10)
    }

    func close() { _ = Foundation.close(descriptor) }

    /// The next line, or `nil` at the end of the file.
    mutating func next() throws -> Line? {
        var line: [UInt8] = []
        var tooLong = false
        var sawAny = false
        while true {
            if start < end {
                sawAny = true
                let newline = buffer[start..<end].firstIndex(of: 10)
                let stop = newline ?? end
                if !tooLong {
                    if line.count + (stop - start) > limit {
                        tooLong = true
                        line = []
                    } else {
                        line.append(contentsOf: buffer[start..<stop])
                    }
                }
                start = stop
                if newline != nil {
                    start += 1
                    return finish(line, tooLong: tooLong)
                }
            }
            if atEnd { return sawAny ? finish(line, tooLong: tooLong) : nil }
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportFailure("reading the file failed: \(String(cString: strerror(errno)))")
            }
            start = 0
            end = count
            if count == 0 { atEnd = true }
        }
    }

    private mutating func finish(_ line: [UInt8], tooLong: Bool) -> Line {
        number += 1
        if tooLong { return Line(number: number, bytes: nil) }
        var line = line
        if line.last == 13 { line.removeLast() }
        return Line(number: number, bytes: line)
    }
}
