extension InstrumentDefinition {
    /// Checks the rules every definition must keep; ``InstrumentCatalog`` calls this on load.
    /// - Throws: ``InstrumentDefinitionError`` naming the field and the rule.
    public func check() throws {
        func fail(_ message: String) -> InstrumentDefinitionError {
            InstrumentDefinitionError(instrument: id.rawValue, message: message)
        }
        guard !id.rawValue.isEmpty, id.rawValue.utf8.allSatisfy({ $0.isSafeLabelByte }) else {
            throw fail("id: must be 1 or more of A-Z a-z 0-9 . _ -")
        }
        guard !version.isEmpty else { throw fail("version: required") }
        guard !items.isEmpty else { throw fail("items: at least one item is required") }
        guard Set(items.map(\.id)).count == items.count else { throw fail("items: item ids must be unique") }
        let domains = items.compactMap(\.domain)
        guard domains.isEmpty || domains.count == items.count else {
            throw fail("items: either every item has a domain or none has")
        }
        guard Set(domains).count == domains.count else { throw fail("items: domains must be unique") }
        guard items.allSatisfy({ ($0.domain == nil) == ($0.domainName == nil) }) else {
            throw fail("items: an item has a domainName exactly when it has a domain")
        }
        let values = options.map(\.value)
        guard let low = values.min(), let high = values.max(), low >= 0 else {
            throw fail("options: at least one option with a value of 0 or more is required")
        }
        guard values == Array(low...high) else {
            throw fail("options: values must be consecutive integers in ascending order")
        }
        guard scoring.multiplier > 0, high * items.count * scoring.multiplier == 100 else {
            throw fail("scoring.multiplier: the largest raw sum times the multiplier must be 100")
        }
        guard Set(flags.map(\.name)).count == flags.count else { throw fail("flags: names must be unique") }
        guard !flags.contains(where: { $0.name == .incomplete }) else {
            throw fail("flags: 'incomplete' is reserved")
        }
        guard change.threshold > 0 else { throw fail("change.threshold: must be positive") }
        guard flags.contains(where: { $0.name == change.cutoffFlag }) else {
            throw fail("change.cutoffFlag: must name one of the flags")
        }
        for (sourced, field) in [
            (source, "source"), (scoring.source, "scoring.source"), (change.source, "change.source"),
        ]
        where sourced.isEmpty {
            throw fail("\(field): every rule needs its source")
        }
        if let index = flags.firstIndex(where: { $0.source.isEmpty }) {
            throw fail("flags[\(index)].source: every rule needs its source")
        }
    }
}
