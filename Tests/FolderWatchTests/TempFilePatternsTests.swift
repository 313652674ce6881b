import Testing

@testable import FolderWatch

@Suite struct TempFilePatternsTests {
    @Test(arguments: [
        "~$bao-cao.docx", "~WRL0001.tmp", "~WRD0003.tmp", "upload.TMP", ".~lock.so-lieu.xlsx#", ".hidden.pdf",
        ".lienthong-tmp-1a2b3c", ".DS_Store", "A1B2C3D4", "8F3E21C0", "Thumbs.db", "desktop.ini", "x.pdf.meta.yaml",
        "document.meta.yaml", "x.pdf.error.txt", "x.pdf.receipt.txt", "x.pdf.receipt.json", "",
    ])
    func temporaryLockHiddenAndSidecarNamesAreIgnored(name: String) {
        #expect(TempFilePatterns.isIgnored(name))
    }

    @Test(arguments: [
        "Quyết định 12.pdf", "bao-cao.docx", "so-lieu.xlsx", "A1B2C3D4.pdf", "ABCDEFG", "ABCDEFGHI", "meta.yaml.pdf",
        "công văn.txt", "~bao-cao.doc",
    ])
    func documentNamesAreNotIgnored(name: String) {
        #expect(!TempFilePatterns.isIgnored(name))
    }
}

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("*.pdf", "bao-cao.PDF", true),
        ("*.pdf", "bao-cao.docx", false),
        ("bao?cao.*", "bao_cao.doc", true),
        ("[0-9]*", "12-QD.pdf", true),
        ("[!0-9]*", "12-QD.pdf", false),
        ("*", "anything", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
    ])
    func namesMatchCaseInsensitively(pattern: String, name: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(name: name, relativePath: name) == matches)
    }

    @Test func aPatternWithASlashMatchesTheRelativePathAndStarStopsAtSlashes() {
        let pattern = GlobPattern("drafts/*")
        #expect(pattern.matches(name: "x.pdf", relativePath: "drafts/x.pdf"))
        #expect(!pattern.matches(name: "x.pdf", relativePath: "drafts/sub/x.pdf"))
        #expect(GlobPattern("*.pdf").matches(name: "x.pdf", relativePath: "a/x.pdf"))  // Names match at any depth.
    }

    @Test func includeAndExcludeRulesDecideDocumentsAndDirectories() {
        let filter = DocumentFilter(
            folder: WatchedFolder(
                root: "/o", includePatterns: ["*.pdf", "*.docx"], excludePatterns: ["nhap-*", "drafts"], maxDepth: 1))
        #expect(filter.acceptsFile(["a.pdf"]))
        #expect(filter.acceptsFile(["000.00.00.H26", "a.pdf"]))
        #expect(!filter.acceptsFile(["a", "b", "a.pdf"]))  // Deeper than maxDepth.
        #expect(!filter.acceptsFile(["a.xlsx"]))
        #expect(!filter.acceptsFile(["nhap-a.pdf"]))
        #expect(!filter.acceptsFile(["~$a.docx"]))
        #expect(!filter.entersDirectory(["drafts"]))
        #expect(!filter.entersDirectory([".Trash"]))
        #expect(filter.entersDirectory(["000.00.00.H26"]))
        #expect(!filter.entersDirectory(["a", "b"]))
    }
}
