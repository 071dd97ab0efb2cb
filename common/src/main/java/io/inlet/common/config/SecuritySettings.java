package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;

/** Settings of the "Security" group: authentication to OpenSearch and the certificates to trust. */
public final class SecuritySettings {

    public static final String GROUP = "Security";

    public static final String AUTH_TYPE = "opensearch.auth.type";
    public static final String AUTH_TYPE_DEFAULT = AuthType.NONE.configName();
    static final OneOf AUTH_TYPES = OneOf.anyCase(AuthType.configNames());
    private static final String AUTH_TYPE_DISPLAY = "Authentication";
    private static final String AUTH_TYPE_DOC = "How Inlet authenticates to OpenSearch. none: no"
            + " authentication. basic: HTTP basic authentication with opensearch.username and"
            + " opensearch.password (the security plugin's internal users, or Amazon OpenSearch Service with"
            + " fine-grained access control). aws_sigv4: requests signed with AWS Signature V4, using"
            + " credentials from the AWS default provider chain (environment, profile, container or instance"
            + " role), for Amazon OpenSearch Service or Serverless; needs opensearch.aws.region.";

    public static final String USERNAME = "opensearch.username";
    private static final String USERNAME_DISPLAY = "User name";
    private static final String USERNAME_DOC = "The user for opensearch.auth.type=basic. It needs the"
            + " permission to write to the target index (and to dlq.index, if set).";

    public static final String PASSWORD = "opensearch.password";
    private static final String PASSWORD_DISPLAY = "Password";
    private static final String PASSWORD_DOC = "The password for opensearch.auth.type=basic. It is never"
            + " logged or shown (it appears as [hidden]).";

    public static final String TRUSTSTORE_PATH = "opensearch.tls.truststore.path";
    private static final String TRUSTSTORE_PATH_DISPLAY = "Truststore path";
    private static final String TRUSTSTORE_PATH_DOC = "A truststore file holding the certificate authorities"
            + " to trust for https:// hosts, in the format of opensearch.tls.truststore.type. The file must"
            + " exist at this path wherever Inlet runs (every Connect worker or Kinesis worker host). Set"
            + " either this or opensearch.tls.ca.pem; with neither, the JVM's default trust is used.";

    public static final String TRUSTSTORE_PASSWORD = "opensearch.tls.truststore.password";
    private static final String TRUSTSTORE_PASSWORD_DISPLAY = "Truststore password";
    private static final String TRUSTSTORE_PASSWORD_DOC = "The password of the truststore file, if it has"
            + " one. Only used with opensearch.tls.truststore.path. Never logged or shown.";

    public static final String TRUSTSTORE_TYPE = "opensearch.tls.truststore.type";
    public static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";
    static final OneOf TRUSTSTORE_TYPES = OneOf.anyCase(List.of("JKS", "PKCS12"));
    private static final String TRUSTSTORE_TYPE_DISPLAY = "Truststore type";
    private static final String TRUSTSTORE_TYPE_DOC = "The format of the truststore file: PKCS12 (.p12,"
            + " .pfx; the JVM's default) or JKS (the older Java keystore). Only used with"
            + " opensearch.tls.truststore.path.";

    public static final String CA_PEM = "opensearch.tls.ca.pem";
    private static final String CA_PEM_DISPLAY = "CA certificates (PEM)";
    private static final String CA_PEM_DOC = "A PEM file with one or more CA certificates to trust for"
            + " https:// hosts, e.g. the root-ca.pem of an OpenSearch demo or self-managed cluster: the"
            + " simpler alternative to a truststore. The file must exist wherever Inlet runs. Set either"
            + " this or opensearch.tls.truststore.path.";

    public static final String HOSTNAME_VERIFICATION = "opensearch.tls.hostname.verification";
    public static final boolean HOSTNAME_VERIFICATION_DEFAULT = true;
    private static final String HOSTNAME_VERIFICATION_DISPLAY = "Verify host names";
    private static final String HOSTNAME_VERIFICATION_DOC = "Whether a node's certificate must name the"
            + " host of its URL. Turn off only for test clusters whose certificates were issued for other"
            + " names: without it, any certificate signed by a trusted authority is accepted.";

    public static final String AWS_REGION = "opensearch.aws.region";
    private static final String AWS_REGION_DISPLAY = "AWS region";
    private static final String AWS_REGION_DOC = "The AWS region of the OpenSearch domain or Serverless"
            + " collection, e.g. us-east-1, used to sign requests when opensearch.auth.type=aws_sigv4.";

    public static final String AWS_SERVICE = "opensearch.aws.service";
    public static final String AWS_SERVICE_DEFAULT = "es";
    static final OneOf AWS_SERVICES = OneOf.anyCase(List.of("es", "aoss"));
    private static final String AWS_SERVICE_DISPLAY = "AWS service";
    private static final String AWS_SERVICE_DOC = "The service name requests are signed for when"
            + " opensearch.auth.type=aws_sigv4: es for an Amazon OpenSearch Service domain, aoss for an"
            + " OpenSearch Serverless collection.";

    private static final String BASIC = AuthType.BASIC.configName();
    private static final String SIGV4 = AuthType.AWS_SIGV4.configName();

    private SecuritySettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(AUTH_TYPE, Type.STRING, AUTH_TYPE_DEFAULT, AUTH_TYPES, Importance.HIGH, AUTH_TYPE_DOC,
                GROUP, ++order, Width.SHORT, AUTH_TYPE_DISPLAY,
                List.of(USERNAME, PASSWORD, AWS_REGION, AWS_SERVICE), Recommend.choices(AUTH_TYPES));
        def.define(USERNAME, Type.STRING, null, TextRule.optional("a user name"), Importance.HIGH,
                USERNAME_DOC, GROUP, ++order, Width.MEDIUM, USERNAME_DISPLAY,
                Recommend.visibleWhen(AUTH_TYPE, BASIC));
        def.define(PASSWORD, Type.PASSWORD, null, PasswordRule.INSTANCE, Importance.HIGH, PASSWORD_DOC,
                GROUP, ++order, Width.MEDIUM, PASSWORD_DISPLAY, Recommend.visibleWhen(AUTH_TYPE, BASIC));
        def.define(TRUSTSTORE_PATH, Type.STRING, null, TextRule.optional("a file path"), Importance.MEDIUM,
                TRUSTSTORE_PATH_DOC, GROUP, ++order, Width.LONG, TRUSTSTORE_PATH_DISPLAY);
        def.define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, PasswordRule.INSTANCE, Importance.MEDIUM,
                TRUSTSTORE_PASSWORD_DOC, GROUP, ++order, Width.MEDIUM, TRUSTSTORE_PASSWORD_DISPLAY);
        def.define(TRUSTSTORE_TYPE, Type.STRING, TRUSTSTORE_TYPE_DEFAULT, TRUSTSTORE_TYPES, Importance.LOW,
                TRUSTSTORE_TYPE_DOC, GROUP, ++order, Width.SHORT, TRUSTSTORE_TYPE_DISPLAY,
                Recommend.choices(TRUSTSTORE_TYPES));
        def.define(CA_PEM, Type.STRING, null, TextRule.optional("a file path"), Importance.MEDIUM, CA_PEM_DOC,
                GROUP, ++order, Width.LONG, CA_PEM_DISPLAY);
        def.define(HOSTNAME_VERIFICATION, Type.BOOLEAN, HOSTNAME_VERIFICATION_DEFAULT, BooleanRule.INSTANCE,
                Importance.LOW, HOSTNAME_VERIFICATION_DOC, GROUP, ++order, Width.SHORT,
                HOSTNAME_VERIFICATION_DISPLAY);
        def.define(AWS_REGION, Type.STRING, null,
                TextRule.optional("an AWS region").matching("[a-z]{2}(-[a-z]+)+-[0-9]+", "us-east-1"),
                Importance.HIGH, AWS_REGION_DOC, GROUP, ++order, Width.SHORT, AWS_REGION_DISPLAY,
                Recommend.visibleWhen(AUTH_TYPE, SIGV4));
        def.define(AWS_SERVICE, Type.STRING, AWS_SERVICE_DEFAULT, AWS_SERVICES, Importance.MEDIUM,
                AWS_SERVICE_DOC, GROUP, ++order, Width.SHORT, AWS_SERVICE_DISPLAY,
                Recommend.visibleWhen(AUTH_TYPE, SIGV4));
        return def;
    }
}
