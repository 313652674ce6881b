import Foundation

/// A small edXML document for the axis to serve in place of what was sent (its `serve_document` fault), so that a
/// test decides what the recipient reads: whom it is addressed to, or an attachment without content.
enum TestEnvelope {
    /// Document `<number>/DEMO` from `from` to `to`, with one attachment named `attachment.name`: its content base64
    /// encoded, or no `ContentTransferEncoded` at all when `content` is nil (unreadable edXML).
    static func make(
        from: String, to: [String], number: Int, attachment: (name: String, content: [UInt8]?)
    ) -> [UInt8] {
        func organ(_ element: String, _ code: String) -> String {
            "<edXML:\(element)><edXML:OrganId>\(code)</edXML:OrganId></edXML:\(element)>"
        }
        let encoded = attachment.content.map {
            "<edXML:ContentTransferEncoded>\(Data($0).base64EncodedString())</edXML:ContentTransferEncoded>"
        }
        let namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
        let code = "<edXML:CodeNumber>\(number)</edXML:CodeNumber><edXML:CodeNotation>DEMO</edXML:CodeNotation>"
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edXML xmlns="\(namespace)" xmlns:edXML="\(namespace)">
              <edXML:edXMLEnvelope>
                <edXML:edXMLHeader>
                  <edXML:MessageHeader>
                    \(organ("From", from))\(to.map { organ("To", $0) }.joined())
                    <edXML:Code>\(code)</edXML:Code>
                    <edXML:PromulgationInfo><edXML:PromulgationDate>2026/01/15</edXML:PromulgationDate>\
            </edXML:PromulgationInfo>
                    <edXML:Subject>Van ban thu \(number)</edXML:Subject>
                  </edXML:MessageHeader>
                  <edXML:TraceHeaderList/>
                </edXML:edXMLHeader>
                <edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody>
              </edXML:edXMLEnvelope>
              <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>\
            <AttachmentName>\(attachment.name)</AttachmentName>\(encoded ?? "")</Attachment></AttachmentEncoded>
            </edXML>
            """
        return Array(text.utf8)
    }
}
