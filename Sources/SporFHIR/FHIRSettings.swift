/// A deployment's FHIR settings.
public struct FHIRSettings: Hashable, Sendable {
    /// The identifier system of the pseudonymous citizen ids: a subject is written as an identifier in this system,
    /// and an identifier in it (or without a system) is read as a citizen id.
    public var citizenSystem: String

    public init(citizenSystem: String = FHIRSystem.defaultCitizenSystem) {
        self.citizenSystem = citizenSystem
    }
}
