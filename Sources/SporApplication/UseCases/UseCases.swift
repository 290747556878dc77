public import Foundation
public import SporInstruments
public import SporReports

/// Every use case of Spor, one function each, called alike by the CLI, the JSON API and the web pages. Adapters
/// parse their input, call one of these and render the answer; the rules (validation beyond parsing, the access
/// policy, auditing, authorship) live here.
///
/// ```swift
/// let spor = UseCases(folder: try DataFolder(url: url, mode: .serving, logger: logger))
/// let outcome = try await spor.record(draft, by: .token(identity))
/// let trajectory = try await spor.trajectory(of: citizen, by: .cli(), via: "cli trajectory")
/// ```
///
/// The use cases are grouped by feature in `UseCases+Feature.swift` files.
public struct UseCases: Sendable {
    /// The data folder every use case works on.
    public let folder: DataFolder
    /// Today's date in Denmark: the "not in the future" rule, summaries and the attention list.
    let today: @Sendable () -> CalendarDate
    /// The time written to the audit trail and to releases.
    let now: @Sendable () -> Date
    /// How long after its end a period is released to the strategic role (a deployment's setting).
    public let settleWindow: SettleWindow

    public init(
        folder: DataFolder, today: @escaping @Sendable () -> CalendarDate = { CalendarDate.today() },
        now: @escaping @Sendable () -> Date = { Date() }, settleWindow: SettleWindow = .standard
    ) {
        self.folder = folder
        self.today = today
        self.now = now
        self.settleWindow = settleWindow
    }

    /// A validator for today's date.
    public var validator: ResponseValidator { ResponseValidator(today: today()) }

    /// Today's date, as the use cases see it.
    public var todayDate: CalendarDate { today() }
}

extension UseCases {
    /// Runs `body` and closes the data folder after it, whether it throws or not: for one-shot commands.
    public func closing<Result: Sendable>(_ body: (UseCases) async throws -> Result) async throws -> Result {
        do {
            let result = try await body(self)
            await folder.close()
            return result
        } catch {
            await folder.close()
            throw error
        }
    }
}
