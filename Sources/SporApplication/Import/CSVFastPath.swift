import SporInstruments

/// Turns a plain CSV line (no quotes, every field well-formed) straight into a response, over its bytes; any other
/// line gets `nil` and goes the general way (``CSVLine`` fields into a `RawResponse`).
struct CSVFastPath: Sendable {
    private let columns: [ResponseFastPath.Field]
    private let itemCount: Int
    private let fields: ResponseFastPath

    init(columns: [(name: String, item: Int?)], itemCount: Int, validator: ResponseValidator) {
        self.columns = columns.map { name, item in
            item.map(ResponseFastPath.Field.item) ?? ResponseFastPath.Field(name: name)
        }
        self.itemCount = itemCount
        fields = ResponseFastPath(validator: validator)
    }

    /// The response of a line and its instrument's definition version, or `nil` to take the general path.
    func response(
        _ line: UnsafeRawBufferPointer, row: Int, recent: inout ResponseFastPath.Recent
    ) -> (Response, version: String)? {
        var found = ResponseFastPath.Fields(answers: [Int?](repeating: nil, count: itemCount))
        var start = 0
        for (number, column) in columns.enumerated() {
            var end = start
            while end < line.count, line[end] != UInt8(ascii: ",") {
                if line[end] == UInt8(ascii: "\"") { return nil }
                end += 1
            }
            if (end == line.count) != (number == columns.count - 1) { return nil }
            let field = UnsafeRawBufferPointer(rebasing: line[start..<end])
            start = end + 1
            if field.isEmpty { continue }
            if case .item(let item) = column {
                // The general path reads an item as a whole number with an optional sign; plain digits suffice here.
                guard let value = ResponseFastPath.digits(field) else { return nil }
                found.answers[item - 1] = value
            } else if !fields.set(column, field, in: &found, recent: &recent) {
                return nil
            }
        }
        return fields.finish(found, row: row)
    }
}
