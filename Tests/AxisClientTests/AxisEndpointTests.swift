import AxisClient
import Testing

@Suite struct AxisEndpointTests {
    @Test func plainHTTPIsRejectedUnlessAllowed() throws {
        #expect(throws: AxisEndpointError.plainHTTPNotAllowed("http://10.0.0.5:8080/XrdAdapter/adapter")) {
            try AxisEndpoint(baseURL: "http://10.0.0.5:8080/XrdAdapter/adapter")
        }
        let allowed = try AxisEndpoint(baseURL: "http://10.0.0.5:8080/XrdAdapter/adapter/", allowPlainHTTP: true)
        #expect(allowed.baseURL == "http://10.0.0.5:8080/XrdAdapter/adapter")
        #expect(try AxisEndpoint(baseURL: "HTTPS://axis.example.vn").baseURL == "HTTPS://axis.example.vn")
    }

    @Test(arguments: ["ftp://x", "", "https://", "https://a b", "https://x/y?z=1", "file:///etc/passwd"])
    func malformedURLsAreRejected(_ url: String) {
        #expect(throws: AxisEndpointError.malformedURL(url)) { try AxisEndpoint(baseURL: url) }
    }

    @Test func credentialsInTheURLAreRejected() {
        #expect(throws: AxisEndpointError.credentialsInURL) { try AxisEndpoint(baseURL: "https://u:p@axis.vn/a") }
    }

    @Test func zeroTimeoutIsRejected() {
        #expect(throws: AxisEndpointError.invalidLimit("connectTimeout")) {
            try AxisEndpoint(baseURL: "https://axis.vn", connectTimeout: .zero)
        }
    }
}
