public import Foundation

extension FHIRSettings {
    /// A citizen identifier system that is not a URI.
    public struct InvalidCitizenSystem: Error, CustomStringConvertible {
        /// Where the value came from: the option's name, or the environment variable.
        public var source: String

        public var description: String {
            "\(source) must be a URI, such as https://kommune.example/fhir/spor-citizen"
        }
    }

    /// The settings of a deployment: the citizen system `given` (an option's value, its name in `option`), else
    /// `$SPOR_FHIR_CITIZEN_SYSTEM` when set and not empty, else ``FHIRSystem/defaultCitizenSystem``; refused
    /// unless it is a URI (a scheme, no white space), wherever it came from.
    public static func resolving(
        citizenSystem given: String?, option: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(InvalidCitizenSystem) -> FHIRSettings {
        let variable = "SPOR_FHIR_CITIZEN_SYSTEM"
        let fromEnvironment = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        let system = given ?? fromEnvironment ?? FHIRSystem.defaultCitizenSystem
        guard system.contains(":"), !system.contains(where: \.isWhitespace) else {
            throw InvalidCitizenSystem(source: given != nil ? option : "$\(variable)")
        }
        return FHIRSettings(citizenSystem: system)
    }
}
