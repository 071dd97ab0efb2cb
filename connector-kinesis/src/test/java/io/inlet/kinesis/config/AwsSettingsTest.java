package io.inlet.kinesis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void regionalEndpointsAndDefaultChainByDefault() {
        AwsSettings s = AwsSettings.of("eu-west-1");
        assertNull(s.kinesisEndpoint());
        assertNull(s.accessKeyId());
        assertFalse(s.trustAllCertificates());
        assertFalse(s.kinesisIsPlainHttp());
    }

    @Test
    void toStringNeverShowsTheKeys() {
        AwsSettings s = AwsSettings.of("eu-west-1").withStaticCredentials("AKIAEXAMPLEKEYID", "wJalrXUtnFEMI/SECRET");
        assertFalse(s.toString().contains("SECRET"), s.toString());
        assertFalse(s.toString().contains("AKIAEXAMPLEKEYID"), s.toString());
        assertTrue(s.toString().contains("static keys (hidden)"), s.toString());
    }

    @Test
    void emulatorSettingsTrustAllCertificatesAndUseDummyKeys() {
        AwsSettings s = AwsSettings.forEmulators(URI.create("http://127.0.0.1:4567"), URI.create("http://127.0.0.1:4568"));
        assertTrue(s.trustAllCertificates());
        assertTrue(s.kinesisIsPlainHttp());
        assertEquals("emulator", s.accessKeyId());
        assertFalse(s.withKinesisEndpoint(URI.create("https://127.0.0.1:4569")).kinesisIsPlainHttp());
    }

    @Test
    void rejectsHalfCredentialsMissingRegionAndNonHttpEndpoints() {
        assertThrows(IllegalArgumentException.class, () -> new AwsSettings("us-east-1", null, null, null, "id", null, false));
        assertThrows(IllegalArgumentException.class, () -> AwsSettings.of(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsSettings.of("us-east-1").withDynamoDbEndpoint(URI.create("localhost:8000")));
        assertTrue(e.getMessage().contains("DynamoDB endpoint"), e.getMessage());
    }
}
