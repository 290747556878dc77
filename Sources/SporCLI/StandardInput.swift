import ArgumentParser
import Foundation

/// Reads standard input up to a limit.
enum StandardInput {
    struct TooLong: Error, CustomStringConvertible {
        var limit: Int
        var description: String { "standard input is longer than \(limit) bytes" }
    }

    static func read(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let count = Foundation.read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > limit { throw TooLong(limit: limit) }
        }
        return bytes
    }
}
