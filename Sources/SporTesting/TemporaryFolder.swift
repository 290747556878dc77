// SporTesting: helpers shared by the test targets.
