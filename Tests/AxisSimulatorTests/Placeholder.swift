import Testing

@Test func axisSimulatorPlaceholderBuilds() { #expect(Bool(true)) }
