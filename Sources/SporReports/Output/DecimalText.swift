import Foundation

/// A number written with a fixed count of decimals and the reader's decimal separator: `43,3` for a Danish
/// reader, `43.3` for an English one. Charts, the web pages and the trend CSV write their numbers with it.
public enum DecimalText {
    /// `value` with `decimals` digits after `separator`.
    public static func fixed(_ value: Double, decimals: Int, separator: String) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return separator == "." ? text : text.replacingOccurrences(of: ".", with: separator)
    }

    /// `value` at full precision (a whole number without decimals), empty for `nil`: the trend CSV's cells.
    public static func full(_ value: Double?, separator: String) -> String {
        guard let value else { return "" }
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return separator == "." ? text : text.replacingOccurrences(of: ".", with: separator)
    }
}
