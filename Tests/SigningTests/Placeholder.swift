import Testing

@Test func signingPlaceholderBuilds() { #expect(Bool(true)) }
