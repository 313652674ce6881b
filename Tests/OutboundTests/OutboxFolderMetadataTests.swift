import Config
import Foundation
import Testing

@testable import Outbound

/// `outbox_folders` in the metadata resolution: metadata file, then the folder's filename pattern (else the agency's),
/// then the recipient folder, then the folder's defaults, then the agency's.
@Suite struct OutboxFolderMetadataTests {
    static let now = Date(timeIntervalSince1970: 1_795_552_200)  // 2026-11-25 in Vietnam

    static let agency = AgencyConfig(
        code: "000.00.00.H41", name: "UBND tỉnh Nghệ An", folders: AgencyFolders(root: "/srv/lienthong/h41"),
        defaults: DocumentDefaults(
            recipients: ["000.00.00.G22"], codeNotation: "UBND-VX", place: "Nghệ An",
            signerCompetence: "TM. Ủy ban nhân dân", signerPosition: "Chủ tịch", signerFullName: "Nguyễn Văn A"),
        filenamePattern: try? FilenamePattern("{number}-{notation}_{date}_{subject}"),
        routes: ["so-noi-vu": ["000.01.31.H41"]],
        outboxFolders: [
            "so-noi-vu": OutboxFolderSettings(
                filenamePattern: try? FilenamePattern("{number}_{subject}"),
                defaults: DocumentDefaultsOverrides(
                    codeNotation: "UBND-NC", signer: .init(position: "Phó Chủ tịch", fullName: "Trần Thị B"),
                    priority: 1))
        ])

    static func resolve(
        _ components: [String], sidecar: DocumentSidecar? = nil, folderFiles: [String]? = nil
    ) -> MetadataResolution {
        var metadata = OutboundMetadata(
            agency: agency, fileName: components.last ?? "", relativeComponents: components,
            sidecar: sidecar.map { .read($0) } ?? .absent, foundAt: now, now: now)
        metadata.documentFolderFiles = folderFiles
        return metadata.resolve()
    }

    @Test func aFileInAConfiguredFolderIsReadWithItsPatternAndTakesItsDefaultsOverTheAgencys() throws {
        let resolution = Self.resolve(["so-noi-vu", "15_Về việc tuyển dụng.pdf"])
        #expect(resolution.problems.isEmpty, "\(resolution.problems)")
        let header = resolution.header
        #expect(header.documentId == "000.00.00.H41,2026/11/25,15/UBND-NC")
        #expect(header.subject == "Về việc tuyển dụng")
        #expect(header.signerInfo?.fullName == "Trần Thị B")
        #expect(header.signerInfo?.position == "Phó Chủ tịch")
        #expect(header.signerInfo?.competence == nil, "the folder's signer replaces the agency's as a whole")
        #expect(header.otherInfo?.priority == "1")
        #expect(header.promulgationInfo?.place == "Nghệ An", "what the folder does not set is the agency's")
        #expect(resolution.recipients == ["000.01.31.H41"], "the folder still names the recipients")
        #expect(resolution.filenamePattern?.template == "{number}_{subject}")
    }

    @Test func theMetadataFileWinsOverTheFolderPatternAndTheFolderDefaults() {
        let sidecar = DocumentSidecar(number: "16", notation: "SNV", signerName: "Lê Văn C")
        let header = Self.resolve(["so-noi-vu", "15_Về việc tuyển dụng.pdf"], sidecar: sidecar).header
        #expect(header.code?.codeNumber == "16")
        #expect(header.code?.codeNotation == "SNV")
        #expect(header.signerInfo?.fullName == "Lê Văn C")
        #expect(header.signerInfo?.position == "Phó Chủ tịch", "values the metadata file leaves out: the folder's")
        #expect(header.subject == "Về việc tuyển dụng", "the name still gives what the metadata file does not")
    }

    @Test func theFolderPatternReplacesTheAgencysRatherThanAddingToIt() {
        let resolution = Self.resolve(["so-noi-vu", "9-UBND-VX_2026-11-01_Mời họp.pdf"])
        #expect(resolution.problems.map(\.field) == [.codeNumber])
        #expect(resolution.header.subject == "9-UBND-VX_2026-11-01_Mời họp")
    }

    @Test func aFileInAnotherFolderUsesTheAgencysPatternAndDefaults() {
        let resolution = Self.resolve(["000.00.00.H26", "9-UBND-VX_2026-11-01_Mời họp.pdf"])
        #expect(resolution.problems.isEmpty, "\(resolution.problems)")
        #expect(resolution.header.documentId == "000.00.00.H41,2026/11/01,9/UBND-VX")
        #expect(resolution.header.signerInfo?.fullName == "Nguyễn Văn A")
        #expect(resolution.header.signerInfo?.competence == "TM. Ủy ban nhân dân")
        #expect(resolution.header.otherInfo?.priority == "0")
        #expect(resolution.recipients == ["000.00.00.H26"])
        let folderNamed = Self.resolve(["000.00.00.H26", "15_Về việc tuyển dụng.pdf"])
        #expect(folderNamed.problems.map(\.field) == [.codeNumber], "the folder's pattern is not used elsewhere")
    }

    @Test func aFileDirectlyInTheOutboxUsesTheAgencysValuesEvenWhenNamedLikeAFolder() {
        let resolution = Self.resolve(["9-UBND-VX_2026-11-01_so-noi-vu.pdf"])
        #expect(resolution.problems.isEmpty, "\(resolution.problems)")
        #expect(resolution.header.code?.codeNotation == "UBND-VX")
        #expect(resolution.header.signerInfo?.fullName == "Nguyễn Văn A")
        #expect(resolution.recipients == ["000.00.00.G22"])
        #expect(resolution.filenamePattern?.template == "{number}-{notation}_{date}_{subject}")
    }

    @Test func aDocumentFolderInsideAConfiguredFolderTakesItsDefaultsAndOneDirectlyInTheOutboxTheAgencys() {
        let inside = Self.resolve(
            ["so-noi-vu", "Hồ sơ tuyển dụng"], sidecar: DocumentSidecar(number: "20"), folderFiles: ["to-trinh.pdf"])
        #expect(inside.problems.isEmpty, "\(inside.problems)")
        #expect(inside.header.documentId == "000.00.00.H41,2026/11/25,20/UBND-NC")
        #expect(inside.header.signerInfo?.fullName == "Trần Thị B")
        #expect(inside.filenamePattern == nil, "a document folder's name is not read with a pattern")

        let direct = Self.resolve(
            ["Hồ sơ tuyển dụng"], sidecar: DocumentSidecar(number: "21"), folderFiles: ["to-trinh.pdf"])
        #expect(direct.header.documentId == "000.00.00.H41,2026/11/25,21/UBND-VX")
        #expect(direct.header.signerInfo?.fullName == "Nguyễn Văn A")
    }

    @Test func theFailedReasonSuggestsANameAfterThePatternThatApplied() throws {
        let inFolder = try Self.clerkText(["so-noi-vu", "Tờ trình.pdf"])
        #expect(
            inFolder.contains("Or name the file after the pattern {number}_{subject}, for example: 125_Tờ trình.pdf"),
            "\(inFolder)")
        #expect(inFolder.contains("Hoặc đặt tên tệp theo mẫu {number}_{subject}, ví dụ: 125_Tờ trình.pdf"))
        #expect(inFolder.contains("ky_hieu: \"UBND-NC\""), "the example metadata file shows the folder's defaults")

        let elsewhere = try Self.clerkText(["000.00.00.H26", "Tờ trình.pdf"])
        #expect(
            elsewhere.contains(
                "Or name the file after the pattern {number}-{notation}_{date}_{subject}, "
                    + "for example: 125-UBND-VX_2026-11-25_Tờ trình.pdf"), "\(elsewhere)")
    }

    /// The text of the reason file for a document whose metadata is incomplete.
    static func clerkText(_ components: [String]) throws -> String {
        let metadata = OutboundMetadata(
            agency: agency, fileName: components.last ?? "", relativeComponents: components, sidecar: .absent,
            foundAt: now, now: now)
        do {
            _ = try metadata.completeHeader()
        } catch {
            let message = try #require(error.clerkMessage)
            return message.text(fileName: metadata.fileName, detail: error.description)
        }
        Issue.record("\(components) was accepted without a number")
        return ""
    }
}
