import Crypto
import Foundation
import NIOSSL
import X509

/// A self-signed certificate made for one test run, so the SMTP TLS tests need no files or tools.
enum TestCertificate {
    /// A server context presenting the certificate, and a client configuration trusting only it.
    static func make() throws -> (server: NIOSSLContext, client: TLSConfiguration) {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName { CommonName("localhost") }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: key.publicKey, notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(3600), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
            },
            issuerPrivateKey: key)
        let sslCertificate = try NIOSSLCertificate(bytes: Array(try certificate.serializeAsPEM().pemString.utf8), format: .pem)
        let sslKey = try NIOSSLPrivateKey(bytes: Array(try key.serializeAsPEM().pemString.utf8), format: .pem)
        let server = try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: [.certificate(sslCertificate)], privateKey: .privateKey(sslKey)))
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates([sslCertificate])
        // The sender connects to 127.0.0.1 (no SNI name to match): the chain is still verified against this certificate only.
        client.certificateVerification = .noHostnameVerification
        return (server, client)
    }
}
