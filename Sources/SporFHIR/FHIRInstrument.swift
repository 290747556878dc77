public import SporInstruments

/// How one instrument looks in FHIR: its Questionnaire's canonical URL and code, each item's linkId, text and code,
/// and the codings of its answers. WHO-5 follows KL's `KLToolsCareWHO-5` (linkIds, Danish texts, SNOMED CT codes,
/// KL's answer codes); any other instrument uses its item ids as linkIds and Spor's codes.
public struct FHIRInstrument: Sendable {
    public let definition: InstrumentDefinition

    public init(_ definition: InstrumentDefinition) {
        self.definition = definition
    }

    /// Whether the instrument is WHO-5, the one KL's guide defines.
    var isWHO5: Bool { definition.id == .who5 && definition.items.count == KLWHO5.items.count }

    /// The Questionnaire's id, the instrument id.
    public var id: String { definition.id.rawValue }

    /// The Questionnaire's canonical URL.
    public var canonical: String { FHIRSystem.questionnaire(definition.id) }

    /// Every linkId, in item order.
    public var linkIDs: [String] {
        isWHO5 ? KLWHO5.items.map(\.linkID) : definition.items.map(\.id)
    }

    /// The Questionnaire's code (and the score Observation's for WHO-5): SNOMED CT 1144665009, or Spor's code.
    var code: JSONValue {
        isWHO5
            ? coding(FHIRSystem.snomed, KLWHO5.code, KLWHO5.codeDisplay)
            : coding(FHIRSystem.sporCodes, definition.id.rawValue, definition.name.en)
    }

    /// The score Observation's code: WHO-5's SNOMED CT code, or Spor's `<instrument>-score`.
    var scoreCode: JSONValue {
        isWHO5 ? code : coding(FHIRSystem.sporCodes, "\(definition.id.rawValue)-score", "\(definition.name.en) score")
    }

    /// An item's Danish text: KL's for WHO-5 (the stem and the item in one sentence), else the item as printed.
    func text(item: Int) -> String {
        isWHO5 ? KLWHO5.items[item].text : definition.items[item].text.da
    }

    /// An item's code, where one is known (KL's SNOMED CT codes for WHO-5).
    func itemCode(item: Int) -> JSONValue? {
        guard isWHO5 else { return nil }
        let item = KLWHO5.items[item]
        return .array([coding(FHIRSystem.snomed, item.code, item.codeDisplay)])
    }

    /// The coding an answer is written with, its value as `ordinalValue`: KL's answer code for WHO-5, Spor's
    /// answer code otherwise.
    func answerCoding(item: Int, value: Int) -> JSONValue {
        let label = definition.options.first { $0.value == value }?.label.da ?? String(value)
        let ordinal = JSONValue.array([
            .fields(["url": .string(FHIRSystem.ordinalValue), "valueDecimal": .integer(value)])
        ])
        if isWHO5, KLWHO5.items[item].answerCodes.indices.contains(value) {
            let kl = KLWHO5.items[item]
            return .fields([
                "extension": ordinal, "system": .string(FHIRSystem.klCodes), "code": .string(kl.answerCodes[value]),
                "display": .string("WHO-5 \(label) - \(value) (\(kl.word))"),
            ])
        }
        return .fields([
            "extension": ordinal, "system": .string(FHIRSystem.answerCodes(definition.id)),
            "code": .string(String(value)),
            "display": .string(label),
        ])
    }

    /// The item value a coded answer stands for: Spor's answer code (`"0"` …) or, for WHO-5, KL's; `nil` when the
    /// coding is not one of the item's answers.
    func value(item: Int, system: String?, code: String?) -> Int? {
        guard let code else { return nil }
        if system == FHIRSystem.answerCodes(definition.id), let value = Int(code),
            definition.options.contains(where: { $0.value == value }), String(value) == code
        {
            return value
        }
        if isWHO5, system == FHIRSystem.klCodes, let value = KLWHO5.items[item].answerCodes.firstIndex(of: code) {
            return value
        }
        return nil
    }

    private func coding(_ system: String, _ code: String, _ display: String) -> JSONValue {
        .fields(["system": .string(system), "code": .string(code), "display": .string(display)])
    }
}
