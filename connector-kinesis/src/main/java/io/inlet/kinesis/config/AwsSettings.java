package io.inlet.kinesis.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how the Kinesis worker reaches AWS: the region, optional endpoint overrides (for VPC
 * endpoints, or for the kinesis-local and dynalite emulators), and credentials.
 *
 * <p>Credentials come from the AWS SDK v2 default chain (environment, system properties, web identity,
 * profile, container and instance roles) unless static keys are given; prefer the chain in production.
 * {@link #toString()} never shows the secret key, and nothing in this package logs it.
 *
 * @param region               AWS region, e.g. {@code eu-west-1}; emulators accept any
 * @param kinesisEndpoint      Kinesis endpoint override, or null for the regional endpoint. An {@code http://}
 *                             endpoint is spoken to over HTTP/1.1 (polling only); {@code https://} over HTTP/2
 *                             negotiated with ALPN, which enhanced fan-out needs
 * @param dynamoDbEndpoint     DynamoDB endpoint override (lease table), or null
 * @param cloudWatchEndpoint   CloudWatch endpoint override, or null; only used when KCL metrics are on
 * @param accessKeyId          static access key id, or null to use the default chain
 * @param secretAccessKey      static secret key, or null
 * @param trustAllCertificates accept any TLS certificate (kinesis-local's self-signed one). Insecure: for
 *                             local emulators only, never against AWS
 */
public record AwsSettings(String region, URI kinesisEndpoint, URI dynamoDbEndpoint, URI cloudWatchEndpoint,
                          String accessKeyId, String secretAccessKey, boolean trustAllCertificates) {

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS region is missing: set it, e.g. us-east-1");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("Give both an access key id and a secret key, or neither "
                    + "(to use the AWS default credentials chain)");
        }
        checkEndpoint("Kinesis", kinesisEndpoint);
        checkEndpoint("DynamoDB", dynamoDbEndpoint);
        checkEndpoint("CloudWatch", cloudWatchEndpoint);
    }

    /** The regional AWS endpoints and the default credentials chain. */
    public static AwsSettings of(String region) {
        return new AwsSettings(region, null, null, null, null, null, false);
    }

    /**
     * For kinesis-local and dynalite on this machine: the given endpoints, dummy static keys (the
     * emulators accept any SigV4-shaped signature) and trust in kinesis-local's self-signed certificate.
     */
    public static AwsSettings forEmulators(URI kinesisEndpoint, URI dynamoDbEndpoint) {
        return new AwsSettings("us-east-1", kinesisEndpoint, dynamoDbEndpoint, null, "emulator", "emulator", true);
    }

    public AwsSettings withKinesisEndpoint(URI endpoint) {
        return new AwsSettings(region, endpoint, dynamoDbEndpoint, cloudWatchEndpoint, accessKeyId, secretAccessKey,
                trustAllCertificates);
    }

    public AwsSettings withDynamoDbEndpoint(URI endpoint) {
        return new AwsSettings(region, kinesisEndpoint, endpoint, cloudWatchEndpoint, accessKeyId, secretAccessKey,
                trustAllCertificates);
    }

    public AwsSettings withStaticCredentials(String keyId, String secret) {
        return new AwsSettings(region, kinesisEndpoint, dynamoDbEndpoint, cloudWatchEndpoint,
                Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(secret, "secret"), trustAllCertificates);
    }

    public AwsSettings withTrustAllCertificates(boolean trustAll) {
        return new AwsSettings(region, kinesisEndpoint, dynamoDbEndpoint, cloudWatchEndpoint, accessKeyId,
                secretAccessKey, trustAll);
    }

    /** True when the Kinesis endpoint is plain HTTP, which rules out HTTP/2 and so enhanced fan-out. */
    public boolean kinesisIsPlainHttp() {
        return kinesisEndpoint != null && "http".equalsIgnoreCase(kinesisEndpoint.getScheme());
    }

    private static void checkEndpoint(String service, URI endpoint) {
        if (endpoint == null) {
            return;
        }
        String scheme = endpoint.getScheme();
        if (endpoint.getHost() == null || scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(service + " endpoint '" + endpoint
                    + "' is not an http(s) URL with a host; write e.g. https://kinesis.eu-west-1.amazonaws.com");
        }
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region
                + ", kinesisEndpoint=" + orDefault(kinesisEndpoint)
                + ", dynamoDbEndpoint=" + orDefault(dynamoDbEndpoint)
                + ", cloudWatchEndpoint=" + orDefault(cloudWatchEndpoint)
                + ", credentials=" + (accessKeyId == null ? "default chain" : "static keys (hidden)")
                + ", trustAllCertificates=" + trustAllCertificates + "]";
    }

    private static String orDefault(URI endpoint) {
        return endpoint == null ? "regional" : endpoint.toString();
    }
}
