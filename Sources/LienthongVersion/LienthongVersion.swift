/// The version of lienthong and lienthong-axis, printed by `--version` on every executable.
///
/// This is the one place the version is written. `debian/rules` reads it from here and refuses to build a package
/// whose `debian/changelog` names another version, so a released `.deb` and its binaries always agree. To release:
/// change it here, then add a `debian/changelog` entry with the same version (`dch -v X.Y.Z`).
public enum LienthongVersion {
    public static let current = "0.9.0"
}
