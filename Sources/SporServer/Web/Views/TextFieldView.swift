/// A labelled input with the errors of its field (`Templates/text-field.mustache`): text, or a date.
struct TextFieldView {
    /// The input's `id` and `name`.
    let name: String
    let label: String
    let value: String
    /// `text` or `date`.
    let type: String
    let invalid: Bool
    /// The field's errors in words, empty when it has none.
    let error: String

    init(_ name: String, label: String, value: String, type: String = "text", errors: [String] = []) {
        self.name = name
        self.label = label
        self.value = value
        self.type = type
        invalid = !errors.isEmpty
        error = errors.joined(separator: " ")
    }
}
