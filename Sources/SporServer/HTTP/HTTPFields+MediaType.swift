import HTTPTypes

extension HTTPFields {
    /// The media type of `Content-Type`, without its parameters and the spaces and tabs around it, in lowercase
    /// (`Application/JSON; charset=utf-8` is `application/json`); `nil` when there is no such header.
    var mediaType: String? {
        guard let value = value(.contentType) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var type = Array(value.utf8.prefix { $0 != UInt8(ascii: ";") })
        while let last = type.last, isBlank(last) { type.removeLast() }
        let start = type.firstIndex { !isBlank($0) } ?? type.endIndex
        return String(decoding: type[start...], as: UTF8.self).lowercased()
    }
}
