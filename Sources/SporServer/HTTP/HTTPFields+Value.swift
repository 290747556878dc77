import HTTPTypes

extension HTTPFields {
    /// `self[name]`, the field's value with repeated fields joined as the subscript joins them (`, `; `; ` for
    /// `Cookie`), without the join when the field occurs once, as it almost always does: the subscript joins through
    /// a lazy sequence of generic code, and every request reads `Authorization`, `Content-Type` and `Content-Length`.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}
