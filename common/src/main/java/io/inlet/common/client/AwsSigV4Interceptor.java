package io.inlet.common.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs every request with AWS Signature Version 4, for Amazon OpenSearch Service ({@code es}) and
 * OpenSearch Serverless ({@code aoss}). Credentials come from the given provider (the AWS SDK's default
 * chain: environment, profile, web identity, instance role) and are resolved per request, so rotated
 * credentials are picked up. The body is hashed into {@code x-amz-content-sha256}, which Serverless requires.
 */
final class AwsSigV4Interceptor implements HttpRequestInterceptor {

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String service;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    AwsSigV4Interceptor(AwsCredentialsProvider credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    @Override
    public void process(HttpRequest request, HttpContext context) throws IOException {
        HttpHost host = (HttpHost) context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
        if (host == null) {
            throw new IOException("Can't sign a request without a target host");
        }
        byte[] body = new byte[0];
        if (request instanceof HttpEntityEnclosingRequest enclosing && enclosing.getEntity() != null) {
            HttpEntity entity = enclosing.getEntity();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entity.writeTo(out);
            body = out.toByteArray();
            ByteArrayEntity copy = new ByteArrayEntity(body);
            copy.setContentType(entity.getContentType());
            copy.setContentEncoding(entity.getContentEncoding());
            enclosing.setEntity(copy);
        }
        URI uri = URI.create(host.toURI() + request.getRequestLine().getUri());
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getRequestLine().getMethod()))
                .uri(uri);
        for (Header h : request.getAllHeaders()) {
            if (!isHopByHop(h.getName())) {
                unsigned.appendHeader(h.getName(), h.getValue());
            }
        }
        unsigned.putHeader("x-amz-content-sha256", sha256Hex(body));
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        byte[] payload = body;
        SignedRequest signed = signer.sign(r -> r
                .identity(identity)
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        SdkHttpRequest s = signed.request();
        for (Map.Entry<String, List<String>> h : s.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("host") || isHopByHop(h.getKey())) {
                continue;
            }
            request.removeHeaders(h.getKey());
            for (String v : h.getValue()) {
                request.addHeader(h.getKey(), v);
            }
        }
    }

    private static boolean isHopByHop(String name) {
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("content-length")
                || name.equalsIgnoreCase("transfer-encoding") || name.equalsIgnoreCase("expect");
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
