import Foundation

/// edXML test data: the shared real samples, and small envelopes built for the test agencies.
enum TestEnvelopes {
    /// `../shared/fixtures/vxp-samples` next to the repository (symlinked dev packages resolved), or
    /// `$LIENTHONG_SHARED/fixtures/vxp-samples`.
    static var samplesDirectory: URL {
        if let shared = ProcessInfo.processInfo.environment["LIENTHONG_SHARED"] {
            return URL(fileURLWithPath: shared).appendingPathComponent("fixtures/vxp-samples")
        }
        let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        return testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/fixtures/vxp-samples").standardized
    }

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samplesDirectory.appendingPathComponent(name)))
    }

    /// A real document received through VNPT's test axis: From and To are both `vxp.saas.03`.
    static func realDocument() throws -> [UInt8] {
        try sample("received-2025-10-874e0f18-90dc-45fb-989a-65401470ba84.edxml")
    }

    /// A real status message: From `000.00.00.H41`, ResponseFor `000.00.00.G22`.
    static func realStatus() throws -> [UInt8] {
        try sample("status_inbox__01.edxml")
    }

    static func organ(_ element: String, _ code: String) -> String {
        "<edXML:\(element)><edXML:OrganId>\(code)</edXML:OrganId><edXML:OrganName>Co quan \(code)</edXML:OrganName></edXML:\(element)>"
    }

    /// A minimal document envelope; `subject` makes the bytes (and so the hash) unique.
    /// `attachmentBase64`, when not empty, becomes one attachment's content (to make large envelopes).
    static func document(from: String, to: [String], subject: String = "Test", attachmentBase64: String = "")
        -> [UInt8]
    {
        let attachments =
            attachmentBase64.isEmpty
            ? "<AttachmentEncoded/>"
            : """
            <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>big.pdf</AttachmentName>\
            <ContentType>application/pdf</ContentType>\
            <edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">\
            \(attachmentBase64)</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>
            """
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
              <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
                <edXML:edXMLHeader>
                  <edXML:MessageHeader>
                    \(organ("From", from))
                    \(to.map { organ("To", $0) }.joined(separator: "\n"))
                    <edXML:DocumentId>\(UUID().uuidString.lowercased())</edXML:DocumentId>
                    <edXML:Code><edXML:CodeNumber>12</edXML:CodeNumber><edXML:CodeNotation>TEST</edXML:CodeNotation></edXML:Code>
                    <edXML:PromulgationInfo><edXML:Place>Ha Noi</edXML:Place><edXML:PromulgationDate>2025/10/23</edXML:PromulgationDate></edXML:PromulgationInfo>
                    <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeDetail>0</edXML:TypeDetail><edXML:TypeName>Cong van</edXML:TypeName></edXML:DocumentType>
                    <edXML:Subject>\(subject)</edXML:Subject>
                    <edXML:Content>Noi dung</edXML:Content>
                  </edXML:MessageHeader>
                  <edXML:TraceHeaderList/>
                </edXML:edXMLHeader>
                <edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody>
              </edXML:edXMLEnvelope>
              \(attachments)
            </edXML>
            """
        return Array(text.utf8)
    }
}
