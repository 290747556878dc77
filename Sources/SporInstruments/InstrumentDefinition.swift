/// A questionnaire as data: items, response options, scoring, flags and change rules, each with its source.
///
/// Definitions live as JSON in `Schemas/instruments/` and are compiled into the library
/// (``InstrumentCatalog/builtIn``); ``InstrumentCatalog/init(definitions:)`` checks them.
public struct InstrumentDefinition: Hashable, Sendable, Codable {
    /// One question.
    public struct Item: Hashable, Sendable, Codable {
        /// A stable identifier, such as `cheerful` or `hope`.
        public var id: String
        /// The recovery process the item measures (Brief INSPIRE-O's CHIME domains), if any.
        public var domain: String?
        /// The recovery process's name for people ("Forbundethed", "Connectedness"); given with every domain.
        public var domainName: LocalizedText?
        /// The item text, as printed on the form.
        public var text: LocalizedText
    }

    /// One response option of the (shared) answer scale.
    public struct Option: Hashable, Sendable, Codable {
        public var value: Int
        public var label: LocalizedText
    }

    /// How the raw sum becomes the 0–100 score.
    public struct Scoring: Hashable, Sendable, Codable {
        /// A readable description of the raw score.
        public var raw: String
        /// The 0–100 score is the raw sum times this.
        public var multiplier: Int
        public var source: String
    }

    /// A flag that holds when a score, the raw sum or any item compares to a value.
    public struct FlagRule: Hashable, Sendable, Codable {
        /// What the rule looks at.
        public enum Target: String, Hashable, Sendable, Codable {
            case score, raw, anyItem
        }
        /// How the target compares to ``value``.
        public enum Comparison: String, Hashable, Sendable, Codable {
            case lt, lte, gt, gte

            func holds(_ lhs: Int, _ rhs: Int) -> Bool {
                switch self {
                case .lt: lhs < rhs
                case .lte: lhs <= rhs
                case .gt: lhs > rhs
                case .gte: lhs >= rhs
                }
            }
        }
        public var name: Flag
        /// What the flag means, in neutral words (not a diagnosis), for people reading a score.
        public var label: LocalizedText
        /// The flag inside a sentence ("lav trivsel", "low wellbeing"): lower case, without the rule.
        public var shortLabel: LocalizedText
        public var on: Target
        public var comparison: Comparison
        public var value: Int
        public var source: String
    }

    /// When a difference between two scores is meaningful.
    public struct ChangeRule: Hashable, Sendable, Codable {
        /// A difference of at least this many points (0–100 scale) is meaningful.
        public var threshold: Int
        /// The flag whose disappearance counts as crossing the cut-off.
        public var cutoffFlag: Flag
        public var source: String
    }

    public var id: InstrumentID
    /// The definition's version; every recorded response names the version it was scored under.
    public var version: String
    public var name: LocalizedText
    /// The name inside a sentence or a tight heading (`WHO-5`, `Brief INSPIRE-O`).
    public var shortName: LocalizedText
    /// The lead-in shared by all items.
    public var stem: LocalizedText
    public var source: String
    public var items: [Item]
    public var options: [Option]
    /// A note on the provenance of the option labels, if any.
    public var optionLabelNote: String?
    public var scoring: Scoring
    public var flags: [FlagRule]
    public var change: ChangeRule

    /// The smallest allowed item value.
    public var minValue: Int { options.lazy.map(\.value).min() ?? 0 }
    /// The largest allowed item value.
    public var maxValue: Int { options.lazy.map(\.value).max() ?? 0 }
    /// The largest possible raw sum.
    public var maxRaw: Int { maxValue * items.count }
}

extension InstrumentDefinition {
    /// A flag's name inside a sentence, from its rule; the flag's id for a flag this instrument does not raise.
    public func shortLabel(of flag: Flag) -> LocalizedText {
        flags.first { $0.name == flag }?.shortLabel ?? LocalizedText(da: flag.rawValue, en: flag.rawValue)
    }
}
