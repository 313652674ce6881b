import Testing

@testable import AxisProtocol

@Suite struct AxisCredentialsTests {
    let credentials = AxisCredentials(systemId: "vxp.saas.03", secret: "S3CRET-0123456789abcdef0123456789abcdef0123")

    @Test func descriptionsNeverRevealTheSecret() {
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
            String(describing: credentials), dumped,
        ] {
            #expect(!text.contains("S3CRET"), "leaked in: \(text)")
            #expect(text.contains("vxp.saas.03"))
        }
    }

    @Test func httpMethodIsGETOnlyForDownloadAndCounters() {
        let gets = AxisMethod.allCases.filter { $0.httpMethod == "GET" }
        #expect(Set(gets) == [.downloadEdoc, .countReceiveEdoc, .countReceiveStatus])
        #expect(AxisMethod.allCases.allSatisfy { $0.httpMethod == "GET" || $0.httpMethod == "POST" })
        #expect(AxisMethod.sendEdoc.rawValue == "sendEdoc")
    }

    @Test func messageTypeReadsHeaderValuesLiberally() {
        #expect(AxisMessageType(headerValue: " Status ") == .status)
        #expect(AxisMessageType(headerValue: "EDOC") == .edoc)
        #expect(AxisMessageType(headerValue: "letter") == nil)
    }
}
