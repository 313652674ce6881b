import Testing

@Test func systemSupportPlaceholderBuilds() { #expect(Bool(true)) }
