import Foundation
import Testing

@testable import Config

/// `agencies[].outbox_folders`: a filename pattern and defaults per first-level folder below `outbox/`.
@Suite struct OutboxFoldersConfigTests {
    /// The agency's defaults, every key set to a value that each folder key below changes. Lines 12 to 29.
    static let agencyDefaults = """
        filename_pattern: "{number}-{notation}_{date}_{subject}"
        routes:
          so-noi-vu: [000.01.31.H41]
        defaults:
          recipients: [000.00.00.G22]
          code_notation: UBND-VX
          document_type: 1
          type_detail: 3
          type_name: Công văn
          place: Nghệ An
          signer:
            competence: TM. Ủy ban nhân dân
            position: Chủ tịch
            full_name: Nguyễn Văn A
          priority: 0
          steering_type: 1
          sphere_of_promulgation: Toàn tỉnh
        outbox_folders:
        """

    static func agency(_ folders: String) throws -> AgencyConfig {
        let yaml = OutboxRulesConfigTests.agencyYAML(agencyDefaults + "\n" + folders)
        return try #require(try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").agencies.first)
    }

    /// The `DocumentDefaults` fields whose values differ, by name.
    static func changedFields(_ lhs: DocumentDefaults, _ rhs: DocumentDefaults) -> Set<String> {
        let left = Mirror(reflecting: lhs).children
        let right = Dictionary(
            uniqueKeysWithValues: Mirror(reflecting: rhs).children.map { ($0.label ?? "", "\($0.value)") })
        return Set(
            left.compactMap { child in
                let label = child.label ?? ""
                return right[label] == "\(child.value)" ? nil : label
            })
    }

    @Test func aFolderReadsItsPatternAndOnlyTheDefaultsItWrites() throws {
        let agency = try Self.agency(
            """
              so-noi-vu:
                filename_pattern: "{number}_{subject}"
                defaults:
                  code_notation: SNV-TCBM
                  signer:
                    position: Giám đốc
                    full_name: Trần Thị B
                  priority: 1
              000.00.00.H26:
                defaults:
                  place: Vinh
            """)
        #expect(Set(agency.outboxFolders.keys) == ["so-noi-vu", "000.00.00.H26"])
        let route = try #require(agency.outboxFolders["so-noi-vu"])
        #expect(route.filenamePattern?.template == "{number}_{subject}")
        #expect(
            route.defaults
                == DocumentDefaultsOverrides(
                    codeNotation: "SNV-TCBM", signer: .init(position: "Giám đốc", fullName: "Trần Thị B"), priority: 1))

        let inRoute = agency.defaults(relativeComponents: ["so-noi-vu", "x.pdf"])
        #expect(inRoute.codeNotation == "SNV-TCBM")
        #expect(inRoute.priority == 1)
        #expect(inRoute.signerFullName == "Trần Thị B")
        #expect(inRoute.signerPosition == "Giám đốc")
        #expect(inRoute.signerCompetence == nil, "a folder's signer replaces the agency's signer as a whole")
        #expect(inRoute.place == "Nghệ An", "keys the folder does not write are the agency's")
        #expect(inRoute.typeDetail == 3 && inRoute.steeringType == 1 && inRoute.sphereOfPromulgation == "Toàn tỉnh")
        #expect(inRoute.recipients == ["000.00.00.G22"])
        #expect(agency.filenamePattern(relativeComponents: ["so-noi-vu", "x.pdf"])?.template == "{number}_{subject}")
        #expect(
            agency.filenamePattern(relativeComponents: ["so-noi-vu", "sub", "x.pdf"])?.template == "{number}_{subject}")

        let inCode = agency.defaults(relativeComponents: ["000.00.00.H26", "x.pdf"])
        #expect(Self.changedFields(agency.defaults, inCode) == ["place"])
        #expect(inCode.place == "Vinh")
        #expect(
            agency.filenamePattern(relativeComponents: ["000.00.00.H26", "x.pdf"])?.template
                == "{number}-{notation}_{date}_{subject}", "a folder without its own pattern keeps the agency's")

        for elsewhere in [["x.pdf"], ["so-noi-vu.pdf"], ["000.00.00.G22", "x.pdf"]] {
            #expect(agency.defaults(relativeComponents: elsewhere) == agency.defaults, "\(elsewhere)")
            #expect(agency.filenamePattern(relativeComponents: elsewhere) == agency.filenamePattern, "\(elsewhere)")
        }
    }

    @Test(arguments: [
        ("code_notation: SNV", ["codeNotation"]),
        ("document_type: 2", ["documentType"]),
        ("type_detail: 7", ["typeDetail"]),
        ("type_name: Tờ trình", ["typeName"]),
        ("place: Vinh", ["place"]),
        (
            "signer: {competence: KT. Chủ tịch, position: Phó Chủ tịch, full_name: Lê C}",
            ["signerCompetence", "signerPosition", "signerFullName"]
        ),
        ("priority: 2", ["priority"]),
        ("steering_type: 0", ["steeringType"]),
        ("sphere_of_promulgation: Nội bộ", ["sphereOfPromulgation"]),
    ])
    func eachFolderDefaultReplacesOnlyItsOwnValue(line: String, fields: [String]) throws {
        let agency = try Self.agency("  so-noi-vu:\n    defaults:\n      \(line)")
        let folder = agency.defaults(relativeComponents: ["so-noi-vu", "x.pdf"])
        #expect(Self.changedFields(agency.defaults, folder) == Set(fields))
    }

    @Test func folderNamesAreComparedInNFCAsTheRoutesAre() throws {
        let nfc = "phòng-tổ-chức"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let yaml = OutboxRulesConfigTests.agencyYAML(
            """
            routes:
              \(nfc): [000.01.31.H41]
            outbox_folders:
              \(nfd):
                defaults: {place: Vinh}
            """)
        let agency = try #require(try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml").agencies.first)
        #expect(agency.outboxFolders.keys.map { Array($0.utf8) } == [Array(nfc.utf8)])
        #expect(agency.defaults(relativeComponents: [nfd, "x.pdf"]).place == "Vinh")
        #expect(agency.defaults(relativeComponents: [nfc, "x.pdf"]).place == "Vinh")
    }

    @Test func badFoldersKeysAndValuesAreEachReportedWithKeyPathAndLine() {
        let found = problems(
            in: OutboxRulesConfigTests.agencyYAML(
                """
                routes:
                  so-noi-vu: [000.01.31.H41]
                outbox_folders:
                  so-noi-vu:
                    filename_pattern: "{numbr}_{subject}"
                    defaults:
                      recipients: [000.00.00.H26]
                      priority: 9
                      signer:
                        title: Giám đốc
                    signer: Trần Thị B
                  "a/b":
                    filename_pattern: "{number}_{subject}"
                  Sở Tài chính:
                    defaults: {place: Vinh}
                  trong:
                  000.00.00.H26: 5
                """))
        let folder = "agencies[0].outbox_folders.so-noi-vu"
        let pattern = problem(at: folder + ".filename_pattern", in: found)
        #expect(pattern?.line == 16)
        #expect(pattern?.message.contains("unknown placeholder {numbr}") == true)
        let recipients = problem(at: folder + ".defaults.recipients", in: found)
        #expect(recipients?.line == 18)
        #expect(recipients?.message.contains("the folder itself names the recipients") == true, "\(found)")
        #expect(problem(at: folder + ".defaults.priority", in: found)?.line == 19)
        let signerKey = problem(at: folder + ".defaults.signer.title", in: found)
        #expect(signerKey?.line == 21)
        #expect(signerKey?.message.contains("unknown key 'title'") == true)
        let unknown = problem(at: folder + ".signer", in: found)
        #expect(unknown?.line == 22)
        #expect(unknown?.message.contains("Valid keys here: filename_pattern, defaults") == true, "\(found)")
        let slash = problem(at: "agencies[0].outbox_folders.a/b", in: found)
        #expect(slash?.line == 23)
        #expect(slash?.message.contains("without '/'") == true)
        let notSendable = problem(at: "agencies[0].outbox_folders.Sở Tài chính", in: found)
        #expect(notSendable?.line == 25)
        #expect(notSendable?.message.contains("neither a route of this agency") == true)
        #expect(problem(at: "agencies[0].outbox_folders.trong", in: found)?.message.contains("sets nothing") == true)
        #expect(problem(at: "agencies[0].outbox_folders.000.00.00.H26", in: found)?.line == 28)
        #expect(found.count == 9, "\(found)")
    }

    @Test func withoutTheKeyNoFolderHasSettingsOfItsOwn() throws {
        let agency = try #require(try ConfigLoader.parse(yaml: minimalYAML, sourceName: "t").agencies.first)
        #expect(agency.outboxFolders.isEmpty)
        #expect(agency.outboxFolderSettings(relativeComponents: ["so-noi-vu", "x.pdf"]) == nil)
    }

    @Test func theShippedExampleGivesTheSoNoiVuFolderItsOwnSignerAndPattern() throws {
        let agency = try #require(try ConfigLoader.load(path: ExampleConfigTests.examplePath).agencies.first)
        let folder = try #require(agency.outboxFolders["so-noi-vu"])
        #expect(folder.filenamePattern?.template == "{number}_{subject}")
        let defaults = agency.defaults(relativeComponents: ["so-noi-vu", "15_Về việc tuyển dụng.pdf"])
        #expect(defaults.signerFullName == "Trần Thị B")
        #expect(defaults.signerFullName != agency.defaults.signerFullName)
        #expect(defaults.place == agency.defaults.place)
    }
}
