import Foundation
import Testing

@testable import Config

@Suite struct OutboxRulesConfigTests {
    static func agencyYAML(_ extra: String) -> String {
        minimalYAML + "\n" + extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    }

    @Test func aFilenamePatternAndRoutesAreRead() throws {
        let config = try ConfigLoader.parse(
            yaml: Self.agencyYAML(
                """
                filename_pattern: "{number}-{notation}_{date}_{subject}"
                routes:
                  so-noi-vu: [000.01.31.H41]
                  cac-so: [000.01.31.H41, 000.02.31.H41, 000.01.31.H41]
                """), sourceName: "test.yaml")
        let agency = try #require(config.agencies.first)
        #expect(agency.filenamePattern?.template == "{number}-{notation}_{date}_{subject}")
        #expect(agency.routes == ["so-noi-vu": ["000.01.31.H41"], "cac-so": ["000.01.31.H41", "000.02.31.H41"]])
    }

    @Test func withoutThemThereIsNoPatternAndNoRoute() throws {
        let agency = try #require(try ConfigLoader.parse(yaml: minimalYAML, sourceName: "t").agencies.first)
        #expect(agency.filenamePattern == nil)
        #expect(agency.routes.isEmpty)
    }

    @Test func aBadPatternIsReportedAtItsKeyAndLine() {
        let found = problems(in: Self.agencyYAML("filename_pattern: \"{numbr}_{subject}\""))
        let problem = problem(at: "agencies[0].filename_pattern", in: found)
        #expect(problem?.line == 12)
        #expect(problem?.message.contains("unknown placeholder {numbr}") == true)
    }

    @Test func routesWithABadNameAnEmptyListOrABadCodeAreEachReported() {
        let found = problems(
            in: Self.agencyYAML(
                """
                routes:
                  "a+b": [000.01.31.H41]
                  trong: []
                  sai: [000.01.31.H41, "không phải mã"]
                """))
        #expect(problem(at: "agencies[0].routes.a+b", in: found)?.message.contains("'+'") == true)
        #expect(problem(at: "agencies[0].routes.trong", in: found) != nil)
        #expect(problem(at: "agencies[0].routes.sai[1]", in: found)?.line == 15)
    }

    @Test func theShippedExampleDocumentsAndSetsThePatternAndRoutes() throws {
        let config = try ConfigLoader.load(path: ExampleConfigTests.examplePath)
        let agency = try #require(config.agencies.first)
        #expect(agency.filenamePattern?.template == "{number}-{notation}_{date}_{subject}")
        #expect(agency.routes["so-noi-vu"] == ["000.01.31.H41"])
        #expect(agency.routes["cac-so-nganh"]?.count == 3)
    }
}
