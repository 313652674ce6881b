import Testing

@Test func axisClientPlaceholderBuilds() { #expect(Bool(true)) }
