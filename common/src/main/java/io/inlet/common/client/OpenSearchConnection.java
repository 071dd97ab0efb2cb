package io.inlet.common.client;

import io.inlet.common.config.AuthType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to reach an OpenSearch cluster: hosts, authentication, TLS, timeouts, compression. Built from
 * the shared settings by both runtimes. {@link #toString()} never shows a password.
 *
 * @param hosts                 {@code http(s)://host:port} URLs
 * @param auth                  none, basic or AWS SigV4
 * @param username              basic-auth user, or null
 * @param password              basic-auth password, or null
 * @param truststore            JKS/PKCS12 truststore path, or null
 * @param truststorePassword    its password, or null
 * @param truststoreType        {@code PKCS12} or {@code JKS}
 * @param caPem                 PEM bundle of trusted CAs, or null (the JVM's trust store is used when both are null)
 * @param hostnameVerification  check that the certificate names the host (on by default)
 * @param awsRegion             region for SigV4, e.g. {@code eu-west-1}
 * @param awsService            {@code es} (Amazon OpenSearch Service) or {@code aoss} (Serverless)
 * @param connectTimeoutMs      TCP connect timeout
 * @param socketTimeoutMs       read timeout of one request
 * @param compression           gzip request bodies
 */
public record OpenSearchConnection(List<String> hosts, AuthType auth, String username, String password,
                                   Path truststore, String truststorePassword, String truststoreType, Path caPem,
                                   boolean hostnameVerification, String awsRegion, String awsService,
                                   int connectTimeoutMs, int socketTimeoutMs, boolean compression) {


    public OpenSearchConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("opensearch.hosts is empty: write at least one URL such as http://localhost:9200");
        }
        Objects.requireNonNull(auth, "auth");
        truststoreType = truststoreType == null ? "PKCS12" : truststoreType;
        awsService = awsService == null ? "es" : awsService;
    }

    /** Plain HTTP(S) without authentication and default timeouts. */
    public static OpenSearchConnection of(String... hosts) {
        return new OpenSearchConnection(List.of(hosts), AuthType.NONE, null, null, null, null, null, null, true,
                null, null, 5_000, 60_000, false);
    }

    public OpenSearchConnection withBasicAuth(String user, String pass) {
        return new OpenSearchConnection(hosts, AuthType.BASIC, user, pass, truststore, truststorePassword, truststoreType,
                caPem, hostnameVerification, awsRegion, awsService, connectTimeoutMs, socketTimeoutMs, compression);
    }

    public OpenSearchConnection withCaPem(Path pem, boolean verifyHostname) {
        return new OpenSearchConnection(hosts, auth, username, password, null, null, truststoreType,
                pem, verifyHostname, awsRegion, awsService, connectTimeoutMs, socketTimeoutMs, compression);
    }

    public OpenSearchConnection withTruststore(Path store, String storePassword, String type, boolean verifyHostname) {
        return new OpenSearchConnection(hosts, auth, username, password, store, storePassword, type,
                null, verifyHostname, awsRegion, awsService, connectTimeoutMs, socketTimeoutMs, compression);
    }

    public OpenSearchConnection withAwsSigV4(String region, String service) {
        return new OpenSearchConnection(hosts, AuthType.AWS_SIGV4, null, null, truststore, truststorePassword, truststoreType,
                caPem, hostnameVerification, region, service, connectTimeoutMs, socketTimeoutMs, compression);
    }

    public OpenSearchConnection withTimeouts(int connectMs, int socketMs) {
        return new OpenSearchConnection(hosts, auth, username, password, truststore, truststorePassword, truststoreType,
                caPem, hostnameVerification, awsRegion, awsService, connectMs, socketMs, compression);
    }

    public OpenSearchConnection withCompression(boolean gzip) {
        return new OpenSearchConnection(hosts, auth, username, password, truststore, truststorePassword, truststoreType,
                caPem, hostnameVerification, awsRegion, awsService, connectTimeoutMs, socketTimeoutMs, gzip);
    }

    @Override
    public String toString() {
        return "OpenSearchConnection[hosts=" + hosts + ", auth=" + auth
                + (username == null ? "" : ", username=" + username)
                + (password == null ? "" : ", password=[hidden]")
                + (truststore == null ? "" : ", truststore=" + truststore)
                + (truststorePassword == null ? "" : ", truststorePassword=[hidden]")
                + (caPem == null ? "" : ", caPem=" + caPem)
                + ", hostnameVerification=" + hostnameVerification
                + (auth == AuthType.AWS_SIGV4 ? ", awsRegion=" + awsRegion + ", awsService=" + awsService : "")
                + ", connectTimeoutMs=" + connectTimeoutMs + ", socketTimeoutMs=" + socketTimeoutMs
                + ", compression=" + compression + "]";
    }
}
