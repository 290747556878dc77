import SporInstruments
import SporReports

/// The attention list (`Templates/attention.mustache`): the citizens to look at first, most urgent first, each
/// row saying why.
struct AttentionView {
    /// One citizen.
    struct Row {
        let citizen: String
        let unit: String
        let lastResponse: String
        let reasons: [Reason]
    }

    /// Why a citizen is on the list.
    struct Reason {
        /// `veryLowWellbeing`, for the `data-reason` attribute.
        let code: String
        let text: String
    }

    let intro: String
    /// A staff member's units, whose citizens they see.
    let hasUnits: Bool
    let units: String
    let hasRows: Bool
    let caption: String
    let rows: [Row]

    /// - Parameter units: the units a staff member's list is limited to; `nil` for all.
    init(_ list: AttentionList, units: [Label]?, _ language: Language) {
        intro = language.text("attentionIntro", ["days": "\(list.silenceDays)"])
        hasUnits = units != nil
        self.units = language.text("yourUnits", ["units": (units ?? []).map(\.rawValue).joined(separator: ", ")])
        hasRows = !list.entries.isEmpty
        let values = ["count": "\(list.entries.count)", "total": "\(list.total)", "date": list.asOf.description]
        caption = language.text(list.total > list.entries.count ? "attentionCut" : "attentionAll", values)
        rows = list.entries.map { entry in
            Row(
                citizen: entry.citizen, unit: entry.unit ?? "–", lastResponse: entry.lastResponse.description,
                reasons: entry.reasons.map { Reason(code: $0.code.rawValue, text: language.text($0.text)) })
        }
    }
}
