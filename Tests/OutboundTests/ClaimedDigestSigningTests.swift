import CryptoPrimitives
import FolderWatch
import Foundation
import Logging
import Signing
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// A detached signature is made from the SHA-256 the claim computed while the spool still holds the very file the
/// claim read; otherwise the file is read again.
@Suite struct ClaimedDigestSigningTests {
    typealias World = MetadataClaimTests.World

    /// Records how it was asked to sign.
    final class RecordingSigner: Signer, @unchecked Sendable {
        private let lock = NSLock()
        private var digestsSigned: [[UInt8]] = []
        private var pathsRead: [String] = []
        var digests: [[UInt8]] { lock.withLock { digestsSigned } }
        var paths: [String] { lock.withLock { pathsRead } }

        func detachedSignature(ofFileAt path: String) throws(SigningError) -> [UInt8] {
            lock.withLock { pathsRead.append(path) }
            return [0x30, 0x00]
        }

        func detachedSignature(ofContentWithSHA256 digest: [UInt8]) throws(SigningError) -> [UInt8] {
            lock.withLock { digestsSigned.append(digest) }
            return [0x30, 0x00]
        }
    }

    static let bytes: [UInt8] = [0x50, 0x4b, 0x03, 0x04] + (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }

    func claimedDocument(in world: World) throws -> DocumentRecord {
        let dropped = try world.drop("Biên bản.docx", in: "000.00.00.H26", sidecar: "so: 12\n")
        try Data(Self.bytes).write(to: URL(fileURLWithPath: dropped.path))
        let status = try FileStatus.lstat(dropped.path)
        return try world.claim(
            ReadyFile(
                path: dropped.path, relativeComponents: dropped.relativeComponents, size: status.size,
                modificationTime: status.modificationTime, device: status.device, inode: status.inode))
    }

    func step(_ world: World, _ signer: RecordingSigner) -> SigningStep {
        SigningStep(
            agency: world.agency, spool: world.spool, signer: signer,
            pdfSigner: PAdESSigner(key: SecretDocumentTests.RefusingKey()), logger: Logger(label: "test"))
    }

    /// Signing and packaging are committed together: the signature's new name is left to the packaging, which
    /// syncs every folder the two touched before it records `signed` and `packaged`.
    @Test func theSigningsFoldersAreSyncedByThePackagingBeforeItsCommit() throws {
        let world = try World()
        let claimed = try claimedDocument(in: world)
        var syncs = DirectorySyncs()
        let how = try step(world, RecordingSigner()).sign(claimed, syncs: &syncs)
        #expect(!syncs.isEmpty, "the signature's folder waits for the packaging's sync")
        #expect(try world.store.document(claimed.id!)?.state == .claimed, "nothing committed by the signing")
        let packaged = try EnvelopePackager(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "test"),
            clock: ClaimClock.fixed
        ).package(claimed, signing: how, syncs: &syncs)
        #expect(syncs.isEmpty, "every folder synced before the commit")
        #expect(packaged.state == .packaged)
        #expect(
            FileManager.default.fileExists(atPath: world.spool.signature(of: claimed.id!, fileName: claimed.fileName)))
        #expect(FileManager.default.fileExists(atPath: world.spool.envelope(of: claimed.id!)))
    }

    @Test func theFileAsClaimedIsSignedFromTheClaimsDigestWithoutBeingReadAgain() throws {
        let world = try World()
        let claimed = try claimedDocument(in: world)
        let signer = RecordingSigner()
        var syncs = DirectorySyncs()
        _ = try step(world, signer).sign(claimed, syncs: &syncs)
        #expect(signer.digests == [SHA256.hash(Self.bytes).bytes])
        #expect(signer.paths.isEmpty)
        let signature = world.spool.signature(of: claimed.id!, fileName: claimed.fileName)
        #expect(FileManager.default.fileExists(atPath: signature))
    }

    /// Another file in its place (a copy across filesystems, or anything else): its own bytes are signed.
    @Test func aFileThatIsNotTheOneTheClaimReadIsReadAgain() throws {
        let world = try World()
        let claimed = try claimedDocument(in: world)
        let original = world.spool.original(of: claimed.id!, fileName: claimed.fileName)
        let replacement = original + ".new"
        try Data(Self.bytes).write(to: URL(fileURLWithPath: replacement))
        try FileManager.default.removeItem(atPath: original)
        try FileManager.default.moveItem(atPath: replacement, toPath: original)
        let signer = RecordingSigner()
        var syncs = DirectorySyncs()
        _ = try step(world, signer).sign(claimed, syncs: &syncs)
        #expect(signer.digests.isEmpty)
        #expect(signer.paths == [original])
    }
}
