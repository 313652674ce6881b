import Config
import FolderWatch
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// The claim step with metadata files: the sidecar travels into the spool with its document, incomplete metadata
/// fails with every field named and a pre-filled sidecar, and the same file put back with a sidecar goes through.
@Suite struct MetadataClaimTests {
    /// An outbox, a spool and a state database under a fresh temporary directory.
    final class World {
        let root: String
        let agency: AgencyConfig
        let store: DocumentStore
        let spool: OutboundSpool
        let claimer: OutboxClaimer

        init(
            pattern: String? = nil, routes: [String: [String]] = [:], defaultRecipients: [String] = [],
            watch: WatchSettings = WatchSettings(), timeZone: CivilTimeZone = .vietnam,
            outboxFolders: [String: OutboxFolderSettings] = [:]
        ) throws {
            root =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("lienthong-metadata-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/spool", withIntermediateDirectories: true)
            agency = AgencyConfig(
                code: "000.00.00.H41", name: "UBND tỉnh Nghệ An", folders: AgencyFolders(root: root + "/share"),
                watch: watch,
                defaults: DocumentDefaults(recipients: defaultRecipients, codeNotation: "UBND-VX", place: "Nghệ An"),
                filenamePattern: try pattern.map { try FilenamePattern($0) }, routes: routes,
                outboxFolders: outboxFolders, timeZone: timeZone)
            try FileManager.default.createDirectory(atPath: agency.folders.outbox, withIntermediateDirectories: true)
            store = try DocumentStore(path: root + "/state.db")
            spool = OutboundSpool(spoolDirectory: root + "/spool")
            claimer = OutboxClaimer(
                agency: agency, store: store, spool: spool, limits: Limits(), logger: Logger(label: "test"),
                clock: ClaimClock.fixed)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Writes `outbox/<folder>/<name>` (and its sidecar first, as clerks are told) and returns it as ready.
        func drop(_ name: String, in folder: String = "", sidecar: String? = nil) throws -> ReadyFile {
            let directory = folder.isEmpty ? agency.folders.outbox : agency.folders.outbox + "/" + folder
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/" + name
            if let sidecar { try sidecar.write(toFile: path + ".meta.yaml", atomically: false, encoding: .utf8) }
            try Data("%PDF-1.4\n\(UUID())\n".utf8).write(to: URL(fileURLWithPath: path))
            let status = try FileStatus.lstat(path)
            return ReadyFile(
                path: path,
                relativeComponents: (folder.isEmpty ? [] : folder.split(separator: "/").map(String.init))
                    + [name], size: status.size, modificationTime: status.modificationTime, device: status.device,
                inode: status.inode)
        }

        /// record + finishClaim, as the pipeline runs them.
        func claim(_ file: ReadyFile) throws -> DocumentRecord {
            guard case .recorded(let document) = try claimer.record(file) else {
                throw OutboundFailure.transient("skipped")
            }
            return try claimer.finishClaim(document)
        }

        func failure(claiming file: ReadyFile) throws -> OutboundFailure? {
            do {
                _ = try claim(file)
                return nil
            } catch let failure as OutboundFailure {
                return failure
            }
        }
    }

    static let sidecar = """
        so: 125
        ky_hieu: UBND-VX
        ngay: 2026-11-20
        trich_yeu: Về việc tổ chức hội nghị
        noi_nhan: [000.00.00.H26]
        """

    @Test func theSidecarMovesIntoTheSpoolNextToTheOriginalAndGivesTheHeader() throws {
        let world = try World()
        let document = try world.claim(try world.drop("Công văn.pdf", sidecar: Self.sidecar))
        let id = try #require(document.id)
        #expect(document.state == .claimed)
        #expect(FileManager.default.fileExists(atPath: world.spool.original(of: id, fileName: "Công văn.pdf")))
        #expect(FileManager.default.fileExists(atPath: world.spool.sidecar(of: id, fileName: "Công văn.pdf")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.agency.folders.outbox).isEmpty)
        #expect(document.subject == "Về việc tổ chức hội nghị")
        #expect(document.codeNotation == "125/UBND-VX")
        #expect(document.recipients == ["000.00.00.H26"])

        let (header, _) = try OutboundMetadata.claimed(
            document, agency: world.agency, spool: world.spool, now: ClaimClock.now
        )
        .completeHeader()
        #expect(header.documentId == "000.00.00.H41,2026/11/20,125/UBND-VX")
        #expect(header.to.map(\.organId) == ["000.00.00.H26"])
    }

    @Test func theUrgencyOfTheMetadataFileIsRecordedWithTheDocument() throws {
        let world = try World()
        let urgent = try world.claim(try world.drop("Hỏa tốc.pdf", sidecar: Self.sidecar + "\ndo_khan: hỏa tốc\n"))
        let ordinary = try world.claim(try world.drop("Thường.pdf", sidecar: Self.sidecar))
        #expect(urgent.priority == 3)
        #expect(ordinary.priority == 0)
    }

    @Test func aFolderWhoseDefaultsAreUrgentMakesItsDocumentsUrgent() throws {
        let world = try World(outboxFolders: [
            "000.00.00.H26": OutboxFolderSettings(defaults: DocumentDefaultsOverrides(priority: 2))
        ])
        let document = try world.claim(try world.drop("Khẩn.pdf", in: "000.00.00.H26", sidecar: Self.sidecar))
        #expect(document.priority == 2)
    }

    @Test func aRepeatedClaimAfterACrashReadsTheSidecarFromTheSpool() throws {
        let world = try World()
        let file = try world.drop("a.pdf", sidecar: Self.sidecar)
        guard case .recorded(let detected) = try world.claimer.record(file) else {
            Issue.record("not recorded")
            return
        }
        // The crash: both files moved into the spool, the database still says `detected`.
        let id = try #require(detected.id)
        try FileManager.default.createDirectory(
            atPath: world.spool.originalDirectory(of: id), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: file.path + ".meta.yaml", toPath: world.spool.sidecar(of: id, fileName: "a.pdf"))
        try FileManager.default.moveItem(atPath: file.path, toPath: world.spool.original(of: id, fileName: "a.pdf"))
        let again = try world.claimer.finishClaim(detected)
        #expect(again.state == .claimed)
        #expect(again.codeNotation == "125/UBND-VX")
    }

    @Test func aPlainFileWithoutNumberFailsNamingEveryMissingFieldWithAPrefilledSidecar() throws {
        let world = try World()
        let failure = try #require(try world.failure(claiming: try world.drop("Báo cáo quý.pdf")))
        #expect(failure.disposition == .permanent)
        #expect(failure.description.contains("Code/CodeNumber"))
        #expect(failure.description.contains("To:"))
        let text = try #require(failure.clerkMessage).text(fileName: "Báo cáo quý.pdf", detail: failure.description)
        let vietnamese = try #require(text.range(of: "Số (number): chưa có"))
        let english = try #require(text.range(of: "Number (số): missing"))
        #expect(vietnamese.lowerBound < english.lowerBound, "Vietnamese first:\n\(text)")
        #expect(text.contains("Nơi nhận (recipients): chưa có"))
        #expect(text.contains("\"Báo cáo quý.pdf.meta.yaml\""))
        // The example is filled with what is known: the subject from the name, the notation from the defaults.
        #expect(text.contains("trich_yeu: \"Báo cáo quý\""))
        #expect(text.contains("ky_hieu: \"UBND-VX\""))
        #expect(text.contains("noi_ban_hanh: \"Nghệ An\""))
        #expect(text.contains("so: \"\""))
    }

    @Test func theExampleSidecarInTheReasonReadsBackAndOnceFilledInSendsTheFileBack() throws {
        let world = try World()
        let failure = try #require(try world.failure(claiming: try world.drop("x.pdf", in: "000.00.00.H26")))
        let text = try #require(failure.clerkMessage?.appendix)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
        lines = lines.map { $0.hasPrefix("so: ") ? "so: \"17\"" : $0 }[...]
        let filled = lines.joined(separator: "\n")

        let document = try world.claim(try world.drop("x.pdf", in: "000.00.00.H26", sidecar: filled))
        #expect(document.codeNotation == "17/UBND-VX")
        #expect(document.recipients == ["000.00.00.H26"])
        let (header, _) = try OutboundMetadata.claimed(
            document, agency: world.agency, spool: world.spool, now: ClaimClock.now
        )
        .completeHeader()
        #expect(header.code?.codeNumber == "17")
        #expect(header.subject == "x")
    }

    @Test func aNameFollowingThePatternNeedsNoSidecar() throws {
        let world = try World(pattern: "{number}-{notation}_{date}_{subject}")
        let document = try world.claim(
            try world.drop("125-SNV-TCBM_2026-11-20_Mời họp.pdf", in: "000.00.00.H26"))
        #expect(document.codeNotation == "125/SNV-TCBM")
        #expect(document.subject == "Mời họp")
    }

    @Test func aPatternMismatchSuggestsANameThatFollowsIt() throws {
        let world = try World(pattern: "{number}-{notation}_{date}_{subject}")
        let failure = try #require(try world.failure(claiming: try world.drop("Mời họp.pdf", in: "000.00.00.H26")))
        let text = try #require(failure.clerkMessage).text(fileName: "Mời họp.pdf", detail: "")
        #expect(text.contains("125-UBND-VX_"), "\(text)")
        #expect(text.contains("_Mời họp.pdf"), "\(text)")
    }

    @Test func aRouteFolderSendsToEveryCodeOfTheRouteAndCombinesWithCodes() throws {
        let world = try World(routes: ["so-noi-vu": ["000.01.31.H41", "000.02.31.H41"]])
        let document = try world.claim(
            try world.drop("a.pdf", in: "so-noi-vu+000.00.00.H26", sidecar: "so: 1"))
        #expect(document.recipients == ["000.01.31.H41", "000.02.31.H41", "000.00.00.H26"])
    }

    @Test func sidecarRecipientsReplaceTheFolderAndAnUnknownRouteIsNamed() throws {
        let world = try World(routes: ["so-noi-vu": ["000.01.31.H41"]])
        let routed = try world.claim(
            try world.drop("a.pdf", in: "000.00.00.H26", sidecar: "so: 1\nnoi_nhan: so-noi-vu"))
        #expect(routed.recipients == ["000.01.31.H41"])
        let failure = try #require(
            try world.failure(claiming: try world.drop("b.pdf", sidecar: "so: 2\nnoi_nhan: [Sở Tài chính]")))
        let text = try #require(failure.clerkMessage).text(fileName: "b.pdf", detail: "")
        #expect(text.contains("\"Sở Tài chính\" không phải mã định danh hay tuyến gửi"), "\(text)")
    }

    @Test func aBrokenSidecarIsReportedWithItsKeyAndLine() throws {
        let world = try World(defaultRecipients: ["000.00.00.H26"])
        let failure = try #require(
            try world.failure(claiming: try world.drop("a.pdf", sidecar: "so: 3\nngay: 31/02/2026\ntrich_yue: x")))
        let text = try #require(failure.clerkMessage).text(fileName: "a.pdf", detail: "")
        #expect(text.contains("  - mục ngay, dòng 2\n"), "\(text)")
        #expect(text.contains("ngay (line 2)"), "\(text)")
        #expect(text.contains("did you mean 'trich_yeu'"), "\(text)")
        // The reader's English stays out of the Vietnamese paragraph, which comes first.
        let vietnamese = try #require(text.components(separatedBy: "Document: a.pdf").first)
        #expect(!vietnamese.contains("did you mean") && !vietnamese.contains("(line "), "\(vietnamese)")
    }

    @Test func aFutureDateInTheSidecarIsRefused() throws {
        let world = try World(defaultRecipients: ["000.00.00.H26"])
        let failure = try #require(
            try world.failure(claiming: try world.drop("a.pdf", sidecar: "so: 3\nngay: 2999-01-01")))
        #expect(failure.description.contains("PromulgationInfo/PromulgationDate"))
    }

    @Test func aSymlinkedSidecarIsNotFollowedNorMovedAndASidecarWithoutDocumentIsLeftAlone() throws {
        let world = try World(defaultRecipients: ["000.00.00.H26"])
        let secret = world.root + "/secret.yaml"
        try "so: 99".write(toFile: secret, atomically: false, encoding: .utf8)
        let outbox = world.agency.folders.outbox
        try FileManager.default.createSymbolicLink(atPath: outbox + "/a.pdf.meta.yaml", withDestinationPath: secret)
        try "so: 5".write(toFile: outbox + "/orphan.pdf.meta.yaml", atomically: false, encoding: .utf8)
        let failure = try #require(try world.failure(claiming: try world.drop("a.pdf")))
        #expect(failure.description.contains("Code/CodeNumber"))
        let left = try FileManager.default.contentsOfDirectory(atPath: outbox).sorted()
        #expect(left == ["a.pdf.meta.yaml", "orphan.pdf.meta.yaml"])
    }

    @Test func sidecarValuesWinOverTheNameWhichWinsOverTheDefaults() {
        let agency = AgencyConfig(
            code: "000.00.00.H41", name: "UBND", folders: AgencyFolders(root: "/srv/h41"),
            defaults: DocumentDefaults(recipients: ["000.00.00.G22"], codeNotation: "DEFAULT", typeName: "Công văn"),
            filenamePattern: try? FilenamePattern("{number}-{notation}_{date}_{subject}"))
        let now = Date(timeIntervalSince1970: 1_795_552_200)
        let metadata = OutboundMetadata(
            agency: agency, fileName: "9-NAME_2026-11-01_Từ tên tệp.pdf",
            relativeComponents: ["9-NAME_2026-11-01_Từ tên tệp.pdf"],
            sidecar: .read(DocumentSidecar(notation: "SIDECAR", typeName: "Quyết định")), foundAt: now, now: now)
        let resolution = metadata.resolve()
        #expect(resolution.problems.isEmpty)
        #expect(resolution.header.code?.codeNumber == "9")
        #expect(resolution.header.code?.codeNotation == "SIDECAR")
        #expect(resolution.header.promulgationInfo?.promulgationDate == "2026/11/01")
        #expect(resolution.header.subject == "Từ tên tệp")
        #expect(resolution.header.documentType?.typeName == "Quyết định")
        #expect(resolution.recipients == ["000.00.00.G22"])
    }

    @Test func withoutAnySourceTheDateIsTheDayTheFileWasFoundInVietnamAndTheSubjectItsName() {
        let agency = AgencyConfig(code: "000.00.00.H41", name: "UBND", folders: AgencyFolders(root: "/srv/h41"))
        let found = Date(timeIntervalSince1970: 1_795_552_200)  // 2026-11-24 20:30 UTC = 25 November in Vietnam
        let metadata = OutboundMetadata(
            agency: agency, fileName: "Tờ trình.docx", relativeComponents: ["Tờ trình.docx"], sidecar: .absent,
            foundAt: found, now: found)
        let resolution = metadata.resolve()
        #expect(resolution.header.promulgationInfo?.promulgationDate == "2026/11/25")
        #expect(resolution.header.subject == "Tờ trình")
        #expect(resolution.problems.map(\.field) == [.codeNumber, .codeNotation, .recipients])
        #expect(!resolution.isComplete)
        #expect(resolution.header.documentId == nil)
    }
}
