import Testing

@Test func configPlaceholderBuilds() { #expect(Bool(true)) }
