package io.inlet.common.client;

import io.inlet.common.config.AuthType;
import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import org.opensearch.client.RestHighLevelClient;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Creates the OpenSearch client both runtimes use, from an {@link OpenSearchConnection}. */
public final class OpenSearchClients {

    private OpenSearchClients() {
    }

    public static RestHighLevelClient create(OpenSearchConnection c) {
        return create(c, c.auth() == AuthType.AWS_SIGV4 ? DefaultCredentialsProvider.builder().build() : null);
    }

    /** As {@link #create(OpenSearchConnection)}, with the AWS credentials provider given (for SigV4). */
    public static RestHighLevelClient create(OpenSearchConnection c, AwsCredentialsProvider aws) {
        HttpHost[] hosts = c.hosts().stream().map(OpenSearchClients::host).toArray(HttpHost[]::new);
        SSLContext ssl = TrustMaterial.sslContext(c);
        RestClientBuilder b = RestClient.builder(hosts)
                .setCompressionEnabled(c.compression())
                .setRequestConfigCallback(rc -> rc
                        .setConnectTimeout(c.connectTimeoutMs())
                        .setSocketTimeout(c.socketTimeoutMs())
                        .setConnectionRequestTimeout(c.connectTimeoutMs()))
                .setHttpClientConfigCallback(hc -> {
                    hc.setMaxConnTotal(64).setMaxConnPerRoute(32);
                    if (ssl != null) {
                        hc.setSSLContext(ssl);
                    }
                    if (!c.hostnameVerification()) {
                        hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    }
                    if (c.auth() == AuthType.BASIC) {
                        BasicCredentialsProvider creds = new BasicCredentialsProvider();
                        creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(c.username(), c.password()));
                        hc.setDefaultCredentialsProvider(creds);
                    } else if (c.auth() == AuthType.AWS_SIGV4) {
                        hc.addInterceptorLast(new AwsSigV4Interceptor(aws, c.awsRegion(), c.awsService()));
                    }
                    return hc;
                });
        return new RestHighLevelClient(b);
    }

    static HttpHost host(String url) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("opensearch.hosts: '" + url + "' is not a URL; write http://host:9200 or https://host:9200", e);
        }
        // schemes are case-insensitive, and the settings accept HTTPS:// too
        String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("opensearch.hosts: '" + url + "' is not an http(s) URL with a host; write http://host:9200 or https://host:9200");
        }
        int port = u.getPort() > 0 ? u.getPort() : (scheme.equals("https") ? 443 : 80);
        return new HttpHost(u.getHost(), port, scheme);
    }
}
