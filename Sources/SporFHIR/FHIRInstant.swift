public import Foundation

/// FHIR `instant` text: UTC with milliseconds, `2026-03-14T09:30:00.000Z`.
public enum FHIRInstant {
    public static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
