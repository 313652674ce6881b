import Glibc
import Testing

@testable import SystemSupport

@Suite struct SystemErrorTests {
    @Test func aFullDiskNamesThePathAndSaysTheDiskIsFull() {
        let error = SystemError(operation: "write", path: "/var/lib/lienthong/spool/x", errno: ENOSPC)
        #expect(error.description.contains("No space left on device"))
        #expect(error.description.contains("disk holding /var/lib/lienthong/spool/x is full"))
        #expect(error.isNoSpace)
        #expect(SystemError(operation: "write", path: "/x", errno: EDQUOT).isNoSpace)
        #expect(!SystemError(operation: "write", path: "/x", errno: EIO).isNoSpace)
    }

    @Test func aPermissionProblemTellsTheAdminToCheckOwnerAndMode() {
        for code in [EACCES, EPERM] {
            let error = SystemError(operation: "open", path: "/srv/lienthong/a/sent", errno: code)
            #expect(error.description.contains("cannot write /srv/lienthong/a/sent; check owner and mode"))
        }
    }

    @Test func readOnlyAndIOErrorsCarryAHint() {
        #expect(SystemError(operation: "rename", path: "/x", errno: EROFS).description.contains("read-only"))
        #expect(SystemError(operation: "fsync", path: "/x", errno: EIO).description.contains("I/O error"))
    }
}

@Suite struct MountInspectorTests {
    @Test func tmpfsIsLocal() throws {
        let filesystem = try MountInspector.filesystem(of: "/dev/shm")
        #expect(filesystem.name == "tmpfs")
        #expect(!filesystem.isNetwork)
    }

    @Test func knownNetworkMagicNumbersAreNetwork() {
        for magic: UInt64 in [0xFF53_4D42, 0x517B, 0xFE53_4D42, 0x6969, 0x00C3_6400, 0x0102_1997, 0x6573_5546] {
            #expect(MountInspector.networkFilesystems[magic] != nil)
        }
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: SystemError.self) { try MountInspector.isNetworkFilesystem("/nonexistent/lienthong") }
    }
}
