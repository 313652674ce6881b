import Testing

@testable import EdXML

@Suite struct DocumentIdentifierTests {
    @Test func makeBuildsTheCommaSeparatedFormWithSlashDates() throws {
        let id = try DocumentIdentifier(
            organId: "000.00.00.G22", promulgationDate: "2015-09-30", codeNumber: "7816",
            codeNotation: "VPCP-TTĐT")
        #expect(id.rawValue == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
        #expect(id.promulgationDate == "2015/09/30")
        #expect(!id.isOpaque)
    }

    @Test func parseSplitsTheStructuredFormIncludingSamplesWithImpossibleDates() throws {
        let id = try DocumentIdentifier(parsing: " 000.00.00.G22,2014/02/30,7806/VPCP-TTĐT#2 ")
        #expect(id.organId == "000.00.00.G22")
        #expect(id.promulgationDate == "2014/02/30")
        #expect(id.codeNumber == "7806")
        #expect(id.codeNotation == "VPCP-TTĐT#2")
        #expect(id.rawValue == "000.00.00.G22,2014/02/30,7806/VPCP-TTĐT#2")
    }

    @Test func makeAndParseAgree() throws {
        let made = try DocumentIdentifier(
            organId: "000.46.24.H44", promulgationDate: "2026/01/05", codeNumber: "12",
            codeNotation: "QĐ-UBND/TTr")
        #expect(try DocumentIdentifier(parsing: made.rawValue) == made)
    }

    @Test func uuidsAreAcceptedAsOpaqueIdentifiers() throws {
        let id = try DocumentIdentifier(parsing: "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb")
        #expect(id.isOpaque)
        #expect(id.organId == nil && id.codeNumber == nil)
        #expect(id.description == "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb")
    }

    @Test(arguments: [
        "", "hello", "A,2015/09/30", "A,2015/13/01,1/x", "A,15/09/30,1/x", "A,2015/09/30,7816",
        ",2015/09/30,1/x", "A,2015/09/30,/x", "A,2015/09/30,1/",
    ])
    func malformedIdentifiersAreRejected(text: String) {
        #expect(throws: EdXMLError.self) { try DocumentIdentifier(parsing: text) }
    }

    @Test func makeRejectsPartsContainingSeparators() {
        #expect(throws: EdXMLError.self) {
            try DocumentIdentifier(organId: "A,B", promulgationDate: "2015/09/30", codeNumber: "1", codeNotation: "x")
        }
        #expect(throws: EdXMLError.self) {
            try DocumentIdentifier(organId: "A", promulgationDate: "2015/09/30", codeNumber: "1/2", codeNotation: "x")
        }
        #expect(throws: EdXMLError.self) {
            try DocumentIdentifier(organId: "A", promulgationDate: "30/09/2015", codeNumber: "1", codeNotation: "x")
        }
    }

    @Test func everySampleDocumentIdParses() throws {
        let reader = EdXMLReader()
        for file in [
            "edoc_new.edxml", "edoc_update.edxml", "edoc.edxml",
            "received-2025-10-9e272474-0603-48a2-b525-9cd1af689612.edxml",
        ] {
            let raw = try #require(try reader.readHeader(from: Fixtures.path(file)).document?.documentId)
            #expect(throws: Never.self) { try DocumentIdentifier(parsing: raw) }
        }
    }
}
