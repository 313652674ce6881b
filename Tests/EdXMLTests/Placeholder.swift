import Testing

@Test func edXMLPlaceholderBuilds() { #expect(Bool(true)) }
