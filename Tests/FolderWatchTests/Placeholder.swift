import Testing

@Test func folderWatchPlaceholderBuilds() { #expect(Bool(true)) }
