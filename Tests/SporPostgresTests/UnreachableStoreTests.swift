import SporTesting
import Testing

/// `spor verify --store` when no PostgreSQL answers: a clear error at once, naming the store without its password.
@Suite struct UnreachableStoreTests {
    @Test func anUnreachableStoreIsAClearError() throws {
        let result = try SporBinary.run([
            "verify", "--store", "postgresql://spor:hidden-pw@/spor?host=/nonexistent-spor&port=1",
        ])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "postgresql://spor@/spor?host=/nonexistent-spor&port=1: connecting failed: PostgreSQL could not be reached"
            ))
        #expect(!(result.stdout + result.stderr).contains("hidden-pw"))
    }
}
