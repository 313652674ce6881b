import Testing

@Test func stateStorePlaceholderBuilds() { #expect(Bool(true)) }
