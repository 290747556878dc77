import Foundation
public import SporInstruments

/// The words and numbers of a chart in its reader's language: the web pages draw Danish charts with it, the CLI
/// draws ``english``.
public struct ChartWording: Sendable {
    /// The label of the cut-off line, before the score: "cut-off" gives "cut-off 50".
    public var cutoff: String
    /// The note under a trend chart with suppressed cells, before the counts: "Gaps: suppressed cells".
    public var gaps: String
    /// The kinds of suppression counted in that note.
    public var primary: String
    public var complementary: String
    /// The legend of a group without a name.
    public var noGroup: String
    /// `","` for a decimal comma (Danish), `"."` otherwise: the values in the points' tooltips.
    public var decimalSeparator: String
    /// The legend of an instrument's line: its name, not its id.
    public var instrumentNames: [InstrumentID: String]

    public init(
        cutoff: String, gaps: String, primary: String, complementary: String, noGroup: String, decimalSeparator: String,
        instrumentNames: [InstrumentID: String]
    ) {
        self.cutoff = cutoff
        self.gaps = gaps
        self.primary = primary
        self.complementary = complementary
        self.noGroup = noGroup
        self.decimalSeparator = decimalSeparator
        self.instrumentNames = instrumentNames
    }

    /// English words, a decimal point, and the instruments' English names.
    public static let english = ChartWording(
        cutoff: "cut-off", gaps: "Gaps: suppressed cells", primary: "primary", complementary: "complementary",
        noGroup: "(none)", decimalSeparator: ".",
        instrumentNames: Dictionary(
            uniqueKeysWithValues: InstrumentCatalog.builtIn.definitions.map { ($0.id, $0.name.en) }))

    /// An instrument's name for a legend, its id when it has none.
    func name(of instrument: InstrumentID) -> String { instrumentNames[instrument] ?? instrument.rawValue }

    /// A value with `decimals` digits after the separator.
    func number(_ value: Double, decimals: Int) -> String {
        DecimalText.fixed(value, decimals: decimals, separator: decimalSeparator)
    }
}
