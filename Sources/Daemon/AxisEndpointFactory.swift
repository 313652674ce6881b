import AxisClient
import Config
import Foundation

/// Turns the `axis:` section of the configuration into the client's endpoint.
enum AxisEndpointFactory {
    static func endpoint(for settings: AxisSettings) throws -> AxisEndpoint {
        try AxisEndpoint(
            baseURL: settings.endpoint,
            allowPlainHTTP: settings.allowPlainHTTP,
            caBundlePath: settings.caBundle,
            clientCertificatePath: settings.clientCertificate,
            clientKeyPath: settings.clientKey,
            connectTimeout: settings.connectTimeout,
            requestTimeout: settings.requestTimeout)
    }
}
