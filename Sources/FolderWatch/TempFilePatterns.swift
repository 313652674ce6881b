/// Names that are never documents (product.md, "Outbound" step 2; reliability.md: Office writes temp files and
/// renames, Excel writes extension-less random names, lock files are `~$name`).
public enum TempFilePatterns {
    /// True when `fileName` (a single name, not a path) is a temporary, lock, hidden or system file, or one of
    /// lienthong's own sidecar and report files, and so must never be sent as a document.
    ///
    /// Ignored: `~$*` (Office owner files), `~WRL*.tmp` and any `*.tmp`, `.~lock.*#` (LibreOffice), every hidden
    /// name (leading dot, which includes lienthong's own `.lienthong-tmp-*` and macOS `.DS_Store`), Excel's
    /// extension-less temporary names (exactly 8 letters or digits, e.g. `A1B2C3D4`), `Thumbs.db`, `desktop.ini`,
    /// lienthong's `DANG-CHO-GUI.txt`, and the sidecars `*.meta.yaml`, `*.error.txt`, `*.receipt.txt`, `*.receipt.json`. Sidecars are not documents
    /// themselves; the metadata step (issue 4) reads `*.meta.yaml` next to the document it describes.
    public static func isIgnored(_ fileName: String) -> Bool {
        if fileName.isEmpty || fileName.hasPrefix(".") || fileName.hasPrefix("~$") { return true }
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".tmp") { return true }
        if systemFiles.contains(lowered) { return true }
        if sidecarSuffixes.contains(where: { lowered.hasSuffix($0) }) { return true }
        return isExcelTemporaryName(fileName)
    }

    /// Windows' and lienthong's own files: `dang-cho-gui.txt` is the notice lienthong keeps in `outbox/` while
    /// documents wait (Outbound's `WaitingNotice`).
    private static let systemFiles: Set<String> = ["thumbs.db", "desktop.ini", "ehthumbs.db", "dang-cho-gui.txt"]

    private static let sidecarSuffixes = [".meta.yaml", ".meta.yml", ".error.txt", ".receipt.txt", ".receipt.json"]

    /// Excel saves into a random 8-character name without extension, then deletes the original and renames.
    private static func isExcelTemporaryName(_ name: String) -> Bool {
        name.utf8.count == 8
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            }
    }
}
