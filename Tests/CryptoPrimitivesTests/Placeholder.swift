import Testing

@Test func cryptoPrimitivesPlaceholderBuilds() { #expect(Bool(true)) }
