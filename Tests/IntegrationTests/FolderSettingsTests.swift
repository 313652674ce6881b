import Foundation
import Testing

/// `outbox_folders` on the real binaries: A's folder for B has its own filename pattern and signer, so a file named
/// after that pattern (which the agency's `{number}_{subject}` cannot read) arrives at B with the number, notation and
/// subject from its name and the folder's signer, while the place still comes from the agency's defaults.
@Suite(.serialized) struct FolderSettingsTests {
    @Test func aFileNamedAfterItsFolderPatternArrivesWithTheFolderSigner() async throws {
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        let b = TwoAgencies.codeB
        try world.editConfig(a) { yaml in
            yaml.replacingOccurrences(
                of: "    filename_pattern:",
                with: """
                        outbox_folders:
                          "\(b)":
                            filename_pattern: "{number}-{notation}_{subject}"
                            defaults:
                              signer:
                                position: Giám đốc
                                full_name: Trần Thị B
                        filename_pattern:
                    """)
        }
        #expect(try String(contentsOfFile: world.config(a), encoding: .utf8).contains("    outbox_folders:\n"))
        try world.startAxis()
        try world.startDaemon(a)
        try world.startDaemon(b)

        let name = "77-SNV-TCBM_Về việc tuyển dụng.pdf"
        try world.drop(TestPDF.make(note: "per-folder"), named: name, into: b, of: a)
        #expect(
            await eventually(timeout: 90) { !world.inboxFiles(named: "document.json", of: b).isEmpty },
            "B did not receive the document:\n\(world.files(under: world.share(a)))\n\(world.logs)")

        let (folder, json) = try #require(world.inboxFiles(named: "document.json", of: b).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let header = try #require(object["header"] as? [String: Any], "\(json)")
        let code = header["code"] as? [String: Any]
        let signer = header["signerInfo"] as? [String: Any]
        let place = (header["promulgationInfo"] as? [String: Any])?["place"] as? String
        #expect(object["code_notation"] as? String == "77/SNV-TCBM", "\(json)")
        #expect(code?["codeNumber"] as? String == "77", "\(json)")
        #expect(code?["codeNotation"] as? String == "SNV-TCBM", "\(json)")
        #expect(header["subject"] as? String == "Về việc tuyển dụng", "\(json)")
        #expect(signer?["fullName"] as? String == "Trần Thị B", "\(json)")
        #expect(signer?["position"] as? String == "Giám đốc", "\(json)")
        #expect(place?.isEmpty == false, "the place the folder does not set comes from A's defaults: \(json)")
        #expect(world.files(under: world.share(b) + "/inbox").contains("\(folder)/\(name)"))
    }
}
