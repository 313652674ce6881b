import AxisClient
import Config
import Foundation

/// Turns the `axis:` section of the configuration into the client's endpoint: the one place for the daemon and
/// `lienthong check-config --online`.
public enum AxisEndpointFactory {
    public static func endpoint(for settings: AxisSettings) throws -> AxisEndpoint {
        try AxisEndpoint(
            baseURL: settings.endpoint,
            allowPlainHTTP: settings.allowPlainHTTP,
            caBundlePath: settings.caBundle,
            clientCertificatePath: settings.clientCertificate,
            clientKeyPath: settings.clientKey,
            clientCertificateFormat: settings.clientCertificateIsPKCS12 ? .pkcs12 : .pem,
            clientKeyPasswordFile: settings.clientKeyPasswordFile,
            pinnedPublicKey: settings.pinnedPublicKey,
            proxyURL: settings.proxy,
            connectTimeout: settings.connectTimeout,
            requestTimeout: settings.requestTimeout)
    }
}
