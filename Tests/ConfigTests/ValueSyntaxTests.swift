import Testing

@testable import Config

@Suite struct ValueSyntaxTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("3s", .seconds(3)), ("10m", .seconds(600)), ("1h", .seconds(3600)),
        ("1h30m", .seconds(5400)), ("2m30s", .seconds(150)), ("1d", .seconds(86400)), ("45", .seconds(45)),
        (" 3S ", .seconds(3)),
    ])
    func durationsInEveryDocumentedForm(text: String, expected: Duration) {
        #expect(DurationSyntax.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "3x", "1.5s", "-3s", "3 s", "h1", "99999999999999h", "400d", "3s-"])
    func malformedOrAbsurdDurationsAreRejected(text: String) {
        #expect(DurationSyntax.parse(text) == nil)
    }

    @Test(arguments: [
        ("500MiB", Int64(500 << 20)), ("1GiB", 1 << 30), ("200MB", 200_000_000), ("64KiB", 65536), ("1024", 1024),
        ("10 kB", 10_000), ("2TiB", 2 << 40), ("7B", 7),
    ])
    func sizesInEveryDocumentedForm(text: String, expected: Int64) {
        #expect(ByteSizeSyntax.parse(text) == expected)
    }

    @Test(arguments: ["", "MiB", "1.5GiB", "-1", "5XB", "9999999999999999999TiB", "10 megabytes"])
    func malformedOrOverflowingSizesAreRejected(text: String) {
        #expect(ByteSizeSyntax.parse(text) == nil)
    }

    @Test func levenshteinDistanceCountsEdits() {
        #expect(KeySuggestion.distance("kitten", "sitting") == 3)
        #expect(KeySuggestion.distance("", "abc") == 3)
        #expect(KeySuggestion.distance("same", "same") == 0)
    }

    @Test func suggestionsPreferFoldedMatchesAndRefuseDistantKeys() {
        let keys = ["mode", "settle_time", "poll_interval", "reconciliation_interval"]
        #expect(KeySuggestion.closest(to: "SettleTime", among: keys) == "settle_time")
        #expect(KeySuggestion.closest(to: "pol_interval", among: keys) == "poll_interval")
        #expect(KeySuggestion.closest(to: "reconcilation_intervall", among: keys) == "reconciliation_interval")
        #expect(KeySuggestion.closest(to: "completely_different", among: keys) == nil)
    }

    @Test func pathsAreNormalizedLexically() {
        #expect(PathRules.normalized("/srv//a/./b/../c/") == "/srv/a/c")
        #expect(PathRules.normalized("/../..") == "/")
        #expect(PathRules.isSameOrInside("/srv/a/outbox/x", "/srv/a/outbox"))
        #expect(!PathRules.isSameOrInside("/srv/a/outbox2", "/srv/a/outbox"))
    }

    @Test func agencyCodesAreValidatedLoosely() {
        for code in ["000.00.00.H41", "vxp.saas.03", "G12-34_X", String(repeating: "a", count: 35)] {
            #expect(CodeRules.problem(with: code) == nil, "\(code) should be accepted")
        }
        for code in ["", "UBND tỉnh", "a/b", "Hà.Nội", String(repeating: "a", count: 36)] {
            #expect(CodeRules.problem(with: code) != nil, "\(code) should be refused")
        }
    }
}
