import Testing

@Test func axisProtocolPlaceholderBuilds() { #expect(Bool(true)) }
