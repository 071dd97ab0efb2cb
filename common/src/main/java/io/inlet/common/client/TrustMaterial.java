package io.inlet.common.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context from a truststore file or a PEM bundle of CA certificates. */
final class TrustMaterial {

    private TrustMaterial() {
    }

    /** The SSL context to use, or null to use the JVM's default trust store. */
    static SSLContext sslContext(OpenSearchConnection c) {
        try {
            KeyStore trust;
            if (c.caPem() != null) {
                trust = fromPem(c);
            } else if (c.truststore() != null) {
                trust = KeyStore.getInstance(c.truststoreType());
                try (InputStream in = Files.newInputStream(c.truststore())) {
                    char[] pw = c.truststorePassword() == null ? null : c.truststorePassword().toCharArray();
                    trust.load(in, pw);
                }
            } else {
                return null;
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                // how KeyStore.load reports a wrong password
                throw new IllegalArgumentException("Couldn't open the truststore opensearch.tls.truststore.path="
                        + c.truststore() + ": " + e.getMessage()
                        + " (check the password, opensearch.tls.truststore.password)", e);
            }
            throw new IllegalArgumentException("Couldn't read the trust material "
                    + (c.caPem() != null ? "opensearch.tls.ca.pem=" + c.caPem() : "opensearch.tls.truststore.path=" + c.truststore())
                    + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Couldn't load the trust material "
                    + (c.caPem() != null ? c.caPem() : c.truststore() + " as " + c.truststoreType())
                    + ": " + e.getMessage() + " (check the file, its type and its password)", e);
        }
    }

    private static KeyStore fromPem(OpenSearchConnection c) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(c.caPem())) {
            certs = cf.generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("opensearch.tls.ca.pem=" + c.caPem() + " holds no certificate: write the path of a PEM file with BEGIN CERTIFICATE blocks");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate cert : certs) {
            ks.setCertificateEntry("ca-" + i++, cert);
        }
        return ks;
    }
}
