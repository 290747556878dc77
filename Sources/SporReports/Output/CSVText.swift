/// RFC 4180 CSV rows.
enum CSVText {
    /// One line, quoting fields that need it.
    /// - Parameter separator: `,`, or `;` for the Danish form whose numbers have a decimal comma.
    static func line(_ fields: [String], separator: Character = ",") -> String {
        fields.map { field in
            field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacing("\"", with: "\"\"") + "\"" : field
        }.joined(separator: String(separator)) + "\n"
    }
}
