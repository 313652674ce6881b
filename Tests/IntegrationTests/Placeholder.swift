import Testing

@Test func integrationPlaceholderBuilds() { #expect(Bool(true)) }
