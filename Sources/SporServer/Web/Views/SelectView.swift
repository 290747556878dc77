/// A labelled choice among options (`Templates/select.mustache`).
struct SelectView {
    /// One option.
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The select's `id` and `name`.
    let name: String
    let label: String
    let options: [Option]

    /// - Parameter chosen: the value selected.
    init(_ name: String, label: String, _ options: [(value: String, label: String)], chosen: String) {
        self.name = name
        self.label = label
        self.options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == chosen) }
    }
}
