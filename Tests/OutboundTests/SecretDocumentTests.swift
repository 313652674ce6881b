import Config
import Foundation
import Logging
import Signing
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// Secret documents (văn bản mật) never leave: a file in a `secret_folders` folder or with `do_mat` in its metadata
/// file is failed where it is recorded, where its metadata file is read at the claim, and, should a crash have
/// skipped both, just before the agency key would sign it.
@Suite struct SecretDocumentTests {
    typealias World = MetadataClaimTests.World

    @Test func aFileInTheSecretFolderIsFailedWhenRecordedAndNothingReachesTheSpool() throws {
        let world = try World()
        guard case .recorded(let document) = try world.claimer.record(try world.drop("Báo cáo.pdf", in: "MAT")) else {
            Issue.record("the file was skipped")
            return
        }
        #expect(document.state == .failed)
        let notice = try #require(document.clerkNotice)
        let vietnamese = try #require(notice.range(of: "đây là văn bản mật"))
        let english = try #require(notice.range(of: "this is a secret document"))
        #expect(vietnamese.lowerBound < english.lowerBound, "Vietnamese first: \(notice)")
        #expect(notice.contains("outbox/MAT/"), "\(notice)")
        #expect(document.lastError?.contains("never signed or sent") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.root + "/spool").isEmpty)
    }

    @Test(arguments: ["Mật", "TỐI MẬT", "tuyet mat", "secret", "1"])
    func aMetadataFileThatMarksTheDocumentSecretFailsItWhenRecorded(level: String) throws {
        let world = try World()
        let file = try world.drop("Công văn 7.pdf", in: "000.00.00.H26", sidecar: "so: 7\ndo_mat: \"\(level)\"\n")
        guard case .recorded(let document) = try world.claimer.record(file) else {
            Issue.record("the file was skipped")
            return
        }
        #expect(document.state == .failed)
        #expect(document.clerkNotice?.contains("độ mật \"\(level)\"") == true, "\(document.clerkNotice ?? "")")
    }

    @Test(arguments: ["", "không", "KHONG", "none", "bình thường", "0"])
    func aSecrecyOfNoneIsAnOrdinaryDocument(level: String) throws {
        let world = try World()
        let file = try world.drop("Công văn 8.pdf", in: "000.00.00.H26", sidecar: "so: 8\ndo_mat: \"\(level)\"\n")
        #expect(try world.claim(file).state == .claimed)
    }

    @Test func aMetadataFileMarkedSecretAfterTheFileWasRecordedFailsTheClaim() throws {
        let world = try World()
        let file = try world.drop("Công văn 9.pdf", in: "000.00.00.H26", sidecar: "so: 9\n")
        guard case .recorded(let document) = try world.claimer.record(file) else {
            Issue.record("the file was skipped")
            return
        }
        #expect(document.state == .detected)
        try "so: 9\ndo_mat: Mật\n".write(toFile: file.path + ".meta.yaml", atomically: false, encoding: .utf8)
        do {
            _ = try world.claimer.finishClaim(document)
            Issue.record("the claim of a secret document succeeded")
        } catch let failure as OutboundFailure {
            #expect(failure.disposition == .permanent)
            #expect(failure.clerkMessage?.vietnamese.contains("văn bản mật") == true)
        }
    }

    /// A crash after the claim committed `claimed` and before a later check could run must not let the key sign.
    @Test func theSigningStepRefusesASecretDocumentWithoutTouchingTheKey() throws {
        let world = try World()
        let claimed = try world.claim(try world.drop("Công văn 10.pdf", in: "000.00.00.H26", sidecar: "so: 10\n"))
        let id = try #require(claimed.id)
        let sidecar = world.spool.sidecar(of: id, fileName: claimed.fileName)
        try "so: 10\ndo_mat: Tuyệt mật\n".write(toFile: sidecar, atomically: false, encoding: .utf8)
        let key = RefusingKey()
        let step = SigningStep(
            agency: world.agency, spool: world.spool, signer: RefusingSigner(),
            pdfSigner: PAdESSigner(key: key), logger: Logger(label: "test"))
        var syncs = DirectorySyncs()
        do {
            _ = try step.sign(claimed, syncs: &syncs)
            Issue.record("a secret document was signed")
        } catch let failure as OutboundFailure {
            #expect(failure.disposition == .permanent)
            #expect(failure.description.contains("do_mat: Tuyệt mật"), "\(failure)")
        }
        #expect(!FileManager.default.fileExists(atPath: world.spool.signedPDF(of: id, fileName: claimed.fileName)))
    }

    @Test func anUnreadableMetadataFileStopsTheDocumentBeforeSigning() throws {
        let world = try World()
        let claimed = try world.claim(try world.drop("Công văn 11.pdf", in: "000.00.00.H26", sidecar: "so: 11\n"))
        let id = try #require(claimed.id)
        let sidecar = world.spool.sidecar(of: id, fileName: claimed.fileName)
        try "so: 11\ndo_mat: [Mật\n".write(toFile: sidecar, atomically: false, encoding: .utf8)
        let step = SigningStep(
            agency: world.agency, spool: world.spool, signer: RefusingSigner(),
            pdfSigner: PAdESSigner(key: RefusingKey()), logger: Logger(label: "test"))
        #expect(throws: OutboundFailure.self) {
            var syncs = DirectorySyncs()
            return try step.sign(claimed, syncs: &syncs)
        }
        #expect(!FileManager.default.fileExists(atPath: world.spool.signedPDF(of: id, fileName: claimed.fileName)))
    }

    @Test func anAgencyWithoutSecretFoldersTreatsMATAsAnyOtherFolder() throws {
        var agency = try World().agency
        agency.secretFolders = []
        #expect(SecretMarking.of(relativeComponents: ["MAT", "x.pdf"], agency: agency) == nil)
        agency.secretFolders = ["Mật"]
        let decomposed = "Mật".decomposedStringWithCanonicalMapping
        #expect(SecretMarking.of(relativeComponents: [decomposed, "x.pdf"], agency: agency) == .folder(decomposed))
        #expect(SecretMarking.of(relativeComponents: ["x.pdf"], agency: agency) == nil, "outbox/ itself")
    }

    /// A key that must never be asked for anything.
    struct RefusingKey: SigningKey {
        func certificateChain() throws(SigningError) -> [[UInt8]] {
            Issue.record("the key was asked for its certificates")
            return []
        }

        func signature(over message: [UInt8], algorithm: SignatureAlgorithm) throws(SigningError) -> [UInt8] {
            Issue.record("the key was asked to sign")
            return []
        }
    }

    struct RefusingSigner: Signer {
        func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8] {
            Issue.record("a detached signature was made")
            return []
        }

        func detachedSignature(ofContentWithSHA256 digest: [UInt8]) throws(SigningError) -> [UInt8] {
            Issue.record("a detached signature was made")
            return []
        }
    }
}
