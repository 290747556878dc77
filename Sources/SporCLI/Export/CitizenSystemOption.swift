import ArgumentParser
import Foundation
import SporFHIR

/// `--citizen-system`: the deployment's identifier system of pseudonymous citizen ids in FHIR resources.
struct CitizenSystemOption: ParsableArguments {
    @Option(
        name: .customLong("citizen-system"),
        help:
            "The identifier system of citizen ids in FHIR (default: $SPOR_FHIR_CITIZEN_SYSTEM, else \(FHIRSystem.defaultCitizenSystem))."
    )
    var citizenSystem: String?

    /// The settings the option (or the environment) gives, checked in ``validate()``.
    var settings: FHIRSettings {
        get throws { try Self.settings(citizenSystem, option: "--citizen-system") }
    }

    func validate() throws { _ = try settings }

    /// The settings a `--…citizen-system` option (or the environment) gives, as a usage error when not a URI.
    static func settings(_ given: String?, option: String) throws -> FHIRSettings {
        do {
            return try FHIRSettings.resolving(citizenSystem: given, option: option)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
