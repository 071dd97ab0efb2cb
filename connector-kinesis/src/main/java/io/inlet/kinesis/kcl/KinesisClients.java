package io.inlet.kinesis.kcl;

import io.inlet.kinesis.config.AwsSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The three asynchronous AWS clients the KCL needs: Kinesis (records), DynamoDB (lease table) and
 * CloudWatch (KCL metrics; built but unused while metrics are off). One instance per worker; closing
 * it closes all three and their HTTP clients.
 *
 * <p>The Kinesis client speaks HTTP/2, negotiated with ALPN, to an {@code https://} endpoint (the
 * regional one by default), with the window size and ping period the KCL recommends for enhanced
 * fan-out (SubscribeToShard streams over HTTP/2). To a plain {@code http://} endpoint, such as
 * kinesis-local's plain port, it speaks HTTP/1.1: polling works there, fan-out does not.
 *
 * <p>Beware: over HTTP/2 a TLS handshake failure (an untrusted certificate, e.g. kinesis-local's
 * self-signed one without {@link AwsSettings#trustAllCertificates()}) does not fail the request. Netty
 * logs "TLS handshake failed ... PKIX path building failed" and the request waits for a connection
 * until "Acquire operation took longer than the configured maximum time" (10 s).
 */
public final class KinesisClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KinesisClients.class);

    /** HTTP/2 flow-control window per SubscribeToShard stream, as the KCL's KinesisClientUtil sets it. */
    private static final int HTTP2_INITIAL_WINDOW_BYTES = 512 * 1024;
    private static final Duration HTTP2_PING_PERIOD = Duration.ofSeconds(10);

    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;
    private final AwsCredentialsProvider credentials;
    private final AwsSettings settings;

    private KinesisClients(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch,
                           AwsCredentialsProvider credentials, AwsSettings settings) {
        this.settings = settings;
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.cloudWatch = cloudWatch;
        this.credentials = credentials;
    }

    public static KinesisClients create(AwsSettings s) {
        AwsCredentialsProvider credentials = s.accessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(s.region());

        NettyNioAsyncHttpClient.Builder kinesisHttp = NettyNioAsyncHttpClient.builder().maxConcurrency(Integer.MAX_VALUE);
        if (s.kinesisIsPlainHttp()) {
            kinesisHttp.protocol(Protocol.HTTP1_1);
        } else {
            kinesisHttp.protocol(Protocol.HTTP2)
                    .protocolNegotiation(ProtocolNegotiation.ALPN)
                    .http2Configuration(Http2Configuration.builder()
                            .initialWindowSize(HTTP2_INITIAL_WINDOW_BYTES)
                            .healthCheckPingPeriod(HTTP2_PING_PERIOD)
                            .build());
        }
        KinesisAsyncClientBuilder kb = KinesisAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(http(kinesisHttp, s.trustAllCertificates()));
        if (s.kinesisEndpoint() != null) {
            kb.endpointOverride(s.kinesisEndpoint());
        }

        DynamoDbAsyncClientBuilder db = DynamoDbAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(http(NettyNioAsyncHttpClient.builder(), s.trustAllCertificates()));
        if (s.dynamoDbEndpoint() != null) {
            db.endpointOverride(s.dynamoDbEndpoint());
        }

        CloudWatchAsyncClientBuilder cw = CloudWatchAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(http(NettyNioAsyncHttpClient.builder(), s.trustAllCertificates()));
        if (s.cloudWatchEndpoint() != null) {
            cw.endpointOverride(s.cloudWatchEndpoint());
        }

        if (s.trustAllCertificates()) {
            log.warn("TLS certificate checks are OFF for Kinesis, DynamoDB and CloudWatch (trustAllCertificates): "
                    + "only acceptable against local emulators");
        }
        log.info("AWS clients for {}", s);
        return new KinesisClients(kb.build(), db.build(), cw.build(), credentials, s);
    }

    /**
     * The HTTP client builder to hand to an SDK client builder, so that the SDK client owns (and closes)
     * the HTTP client. With {@code trustAll}, the Netty client accepts any server certificate: the SDK
     * exposes that only as {@link SdkHttpConfigurationOption#TRUST_ALL_CERTIFICATES} in the defaults
     * passed to {@code buildWithDefaults}, so this wraps the builder and adds it there.
     */
    private static SdkAsyncHttpClient.Builder<?> http(NettyNioAsyncHttpClient.Builder netty, boolean trustAll) {
        return trustAll ? new TrustAllCertificates(netty) : netty;
    }

    private record TrustAllCertificates(NettyNioAsyncHttpClient.Builder delegate)
            implements SdkAsyncHttpClient.Builder<TrustAllCertificates> {
        @Override
        public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            AttributeMap trustAll = AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE)
                    .build();
            return delegate.buildWithDefaults(trustAll.merge(serviceDefaults));
        }
    }

    /** The settings these clients were built from. */
    public AwsSettings settings() {
        return settings;
    }

    public KinesisAsyncClient kinesis() {
        return kinesis;
    }

    public DynamoDbAsyncClient dynamoDb() {
        return dynamoDb;
    }

    public CloudWatchAsyncClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public void close() {
        closeQuietly(kinesis, "Kinesis client");
        closeQuietly(dynamoDb, "DynamoDB client");
        closeQuietly(cloudWatch, "CloudWatch client");
        if (credentials instanceof AutoCloseable c) {
            closeQuietly(c, "credentials provider");
        }
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("Couldn't close the {}: {}", what, e.toString(), e);
        }
    }
}
