import Crypto
import Foundation
import NIOSSL
import X509

/// A self-signed certificate made for one test run, so TLS tests (the SMTP sender, https webhook
/// deliveries) need no files or tools.
public enum TestCertificate {
    /// A certificate for `name` with its key: a server configuration presenting it, a server
    /// context made from that, and a client configuration trusting only it. The client checks
    /// the host name only when `verifyHostname` is set (the SMTP sender connects to 127.0.0.1,
    /// with no name to match; an https delivery connects by name).
    public static func make(name: String = "localhost", verifyHostname: Bool = false) throws
        -> (server: NIOSSLContext, serverConfiguration: TLSConfiguration, client: TLSConfiguration)
    {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName { CommonName(name) }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey, notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(3600), issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName(name)])
            },
            issuerPrivateKey: key)
        let sslCertificate = try NIOSSLCertificate(bytes: Array(try certificate.serializeAsPEM().pemString.utf8), format: .pem)
        let sslKey = try NIOSSLPrivateKey(bytes: Array(try key.serializeAsPEM().pemString.utf8), format: .pem)
        let serverConfiguration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(sslCertificate)], privateKey: .privateKey(sslKey))
        let server = try NIOSSLContext(configuration: serverConfiguration)
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates([sslCertificate])
        // Without host name checks the chain is still verified against this certificate only.
        client.certificateVerification = verifyHostname ? .fullVerification : .noHostnameVerification
        return (server, serverConfiguration, client)
    }
}
