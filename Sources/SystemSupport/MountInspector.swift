/// Which filesystem holds a folder, to decide whether inotify can be trusted there (reliability.md, "Watching
/// folders": no events arrive for changes made by other machines on network mounts).
public enum MountInspector {
    /// A filesystem type as `statfs` reports it.
    public struct Filesystem: Sendable, Equatable, CustomStringConvertible {
        /// The `f_type` magic number.
        public let magic: UInt64
        /// A short name such as `"cifs"`, `"nfs"`, `"ext4/ext3/ext2"`, or the magic number in hex.
        public let name: String
        /// True when changes can be made by other machines without the local kernel seeing them, so inotify misses
        /// them and the folder must be polled.
        public let isNetwork: Bool

        public var description: String { name }
    }

    /// Network and cluster filesystems. FUSE counts as network: it carries sshfs, s3fs, GlusterFS and gvfs shares,
    /// whose remote changes produce no inotify events, and the kernel cannot tell those from local FUSE
    /// filesystems. Polling is always correct, only costlier; an admin can force `watch: inotify` for a local FUSE
    /// mount.
    static let networkFilesystems: [UInt64: String] = [
        0xFF53_4D42: "cifs",
        0x517B: "smb",
        0xFE53_4D42: "smb2",
        0x6969: "nfs",
        0x6573_5546: "fuse",
        0x5346_414F: "afs",
        0x6B41_4653: "kafs",
        0x00C3_6400: "ceph",
        0x0102_1997: "9p",
        0x0116_1970: "gfs2",
        0x7461_636F: "ocfs2",
        0x0BD0_0BD0: "lustre",
    ]

    static let localFilesystems: [UInt64: String] = [
        0xEF53: "ext4/ext3/ext2",
        0x5846_5342: "xfs",
        0x9123_683E: "btrfs",
        0x0102_1994: "tmpfs",
        0x2FC1_2FC1: "zfs",
        0x794C_7630: "overlayfs",
        0xF2F5_2010: "f2fs",
    ]

    /// The filesystem holding `path` (which is followed if it is a link: it comes from the configuration).
    public static func filesystem(of path: String) throws(SystemError) -> Filesystem {
        let magic = try Syscall.filesystemMagic(path)
        if let name = networkFilesystems[magic] { return Filesystem(magic: magic, name: name, isNetwork: true) }
        let name = localFilesystems[magic] ?? "0x" + String(magic, radix: 16)
        return Filesystem(magic: magic, name: name, isNetwork: false)
    }

    /// True when `path` is on a network filesystem (CIFS/SMB, NFS, AFS, Ceph, 9P, cluster filesystems, FUSE).
    public static func isNetworkFilesystem(_ path: String) throws(SystemError) -> Bool {
        try filesystem(of: path).isNetwork
    }
}
