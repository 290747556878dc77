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

    /// The settings the option (or the environment) gives.
    var settings: FHIRSettings {
        FHIRSettings(citizenSystem: citizenSystem ?? Self.environmentDefault ?? FHIRSystem.defaultCitizenSystem)
    }

    /// `$SPOR_FHIR_CITIZEN_SYSTEM`, when set and not empty.
    static var environmentDefault: String? {
        ProcessInfo.processInfo.environment["SPOR_FHIR_CITIZEN_SYSTEM"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        guard let citizenSystem else { return }
        guard citizenSystem.contains(":"), !citizenSystem.contains(where: \.isWhitespace) else {
            throw ValidationError("--citizen-system must be a URI, such as https://kommune.example/fhir/spor-citizen")
        }
    }
}
