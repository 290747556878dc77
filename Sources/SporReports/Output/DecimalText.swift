import Foundation

/// A number written with a fixed count of decimals and the reader's decimal separator: `43,3` for a Danish
/// reader, `43.3` for an English one. Charts and the web pages write their numbers with it.
public enum DecimalText {
    /// `value` with `decimals` digits after `separator`.
    public static func fixed(_ value: Double, decimals: Int, separator: String) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return separator == "." ? text : text.replacingOccurrences(of: ".", with: separator)
    }
}
