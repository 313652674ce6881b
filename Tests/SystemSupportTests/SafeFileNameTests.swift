import Testing

@testable import SystemSupport

@Suite struct SafeFileNameTests {
    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        ("/etc/shadow", "shadow"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("C:y.pdf", "C_y.pdf"),
        ("CON.txt", "_CON.txt"),
        ("con", "_con"),
        ("Lpt9.tar.gz", "_Lpt9.tar.gz"),
        ("COM1 .pdf", "_COM1 .pdf"),
        ("CONSOLE.txt", "CONSOLE.txt"),
        ("a\u{0}b", "ab"),
        ("bao\ncao\t.pdf", "baocao.pdf"),
        ("report.pdf. . ", "report.pdf"),
        ("trailing...", "trailing"),
        (".hidden", "hidden"),
        ("..", "tep-dinh-kem"),
        ("", "tep-dinh-kem"),
        ("   ", "tep-dinh-kem"),
        ("a<b>c:d\"e|f?g*h.doc", "a_b_c_d_e_f_g_h.doc"),
        ("invoice\u{202E}fdp.exe", "invoicefdp.exe"),
    ])
    func reducesHostileNamesToASafeBaseName(input: String, expected: String) {
        #expect(SafeFileName.sanitize(input) == expected)
    }

    @Test func decomposedAndComposedVietnameseBecomeTheSameNFCName() {
        let composed = "Quy\u{1EBF}t \u{0111}\u{1ECB}nh.pdf"  // Quyết định.pdf, NFC
        let decomposed = "Quye\u{0302}\u{0301}t \u{0111}i\u{0323}nh.pdf"  // the same, NFD
        #expect(composed.unicodeScalars.count != decomposed.unicodeScalars.count)
        let fromComposed = SafeFileName.sanitize(composed)
        let fromDecomposed = SafeFileName.sanitize(decomposed)
        #expect(Array(fromComposed.utf8) == Array(fromDecomposed.utf8))
        #expect(Array(fromDecomposed.utf8) == Array(composed.utf8))
    }

    @Test func aFourHundredByteNameKeepsItsExtensionAndFitsInTwoHundredBytes() {
        let stem = String(repeating: "Văn bản ", count: 40)  // Vietnamese: multi-byte characters
        let name = stem + ".docx"
        #expect(name.utf8.count >= 400)
        let safe = SafeFileName.sanitize(name)
        #expect(safe.utf8.count <= 200)
        #expect(safe.hasSuffix(".docx"))
        #expect(safe.hasPrefix("Văn bản Văn bản"))
        #expect(!safe.dropLast(5).hasSuffix(" "))
    }

    @Test func anEmptyResultUsesTheGivenFallback() {
        #expect(SafeFileName.sanitize("///", fallback: "attachment") == "attachment")
    }

    @Test func uniqueNameAddsTheFirstFreeNumberBeforeTheExtension() {
        let taken: Set = ["a.pdf", "a (2).pdf", "a (3).pdf"]
        #expect(SafeFileName.uniqueName("a.pdf") { taken.contains($0) } == "a (4).pdf")
        #expect(SafeFileName.uniqueName("b.pdf") { taken.contains($0) } == "b.pdf")
        #expect(SafeFileName.uniqueName("README") { $0 == "README" } == "README (2)")
    }

    @Test func uniqueNameStaysWithinTheLengthLimit() {
        let long = SafeFileName.sanitize(String(repeating: "x", count: 300) + ".pdf")
        #expect(long.utf8.count == 200)
        let unique = SafeFileName.uniqueName(long) { $0 == long }
        #expect(unique.utf8.count <= 200)
        #expect(unique.hasSuffix(" (2).pdf"))
    }

    @Test(arguments: [
        ("a.pdf", "a", ".pdf"),
        ("archive.tar.gz", "archive.tar", ".gz"),
        ("Quyết định 12.2024 về việc x", "Quyết định 12.2024 về việc x", ""),
        ("noext", "noext", ""),
    ])
    func theExtensionIsAShortRunOfLettersOrDigitsAfterTheLastDot(name: String, stem: String, ext: String) {
        let split = SafeFileName.splitExtension(name)
        #expect(split.stem == stem)
        #expect(split.fileExtension == ext)
    }
}
