package io.inlet.kinesis.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.kinesis.config.KinesisWorkerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiAccessTest {

    @TempDir
    Path dir;

    private static KinesisWorkerConfig config(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("opensearch.hosts", "http://localhost:9200", "index", "orders",
                "stream", "orders", "region", "eu-west-1", "application.name", "inlet-orders"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new KinesisWorkerConfig(m);
    }

    private static String basicHeader(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bearerTakesOnlyItsToken() {
        ApiAccess a = ApiAccess.bearer("s3cret-token", "a test");
        assertTrue(a.allows("Bearer s3cret-token"));
        assertTrue(a.allows("bearer  s3cret-token "), "the scheme in any case, spaces around");
        assertFalse(a.allows(null));
        assertFalse(a.allows("Bearer s3cret-tokenX"));
        assertFalse(a.allows("Basic " + Base64.getEncoder().encodeToString("s3cret-token".getBytes())));
        assertEquals("Bearer realm=\"inlet\"", a.challenge());
    }

    @Test
    void basicTakesOnlyItsUserAndPassword() {
        ApiAccess a = ApiAccess.basic("ops:pa55", "a test");
        assertTrue(a.allows(basicHeader("ops:pa55")));
        assertFalse(a.allows(basicHeader("ops:pa56")));
        assertFalse(a.allows("Basic not-base64!"));
        assertFalse(a.allows("Bearer ops:pa55"));
        assertThrows(IllegalStateException.class, () -> ApiAccess.basic("no-colon", "a test"));
    }

    @Test
    void openAllowsEveryone() {
        assertTrue(ApiAccess.open().allows(null));
        assertNull(ApiAccess.open().tls());
    }

    @Test
    void theCredentialIsReadFromItsFileOrVariableAndNeverShown() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "file-token-1234\n");
        ApiAccess fromFile = ApiAccess.from(config("management.auth", "bearer", "management.credentials.file",
                file.toString()), name -> null);
        assertTrue(fromFile.allows("Bearer file-token-1234"));
        assertFalse(fromFile.toString().contains("file-token-1234"), fromFile.toString());
        assertTrue(fromFile.toString().contains("management.credentials.file " + file), fromFile.toString());

        ApiAccess fromEnv = ApiAccess.from(config("management.auth", "basic", "management.credentials.env", "OPS"),
                name -> name.equals("OPS") ? "ops:env-pass-99" : null);
        assertTrue(fromEnv.allows(basicHeader("ops:env-pass-99")));
        assertFalse(fromEnv.toString().contains("env-pass-99"), fromEnv.toString());
    }

    @Test
    void aMissingOrEmptyCredentialStopsTheStartSayingWhere() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiAccess.from(config(
                "management.auth", "bearer", "management.credentials.file", dir.resolve("absent").toString()), n -> null));
        assertTrue(e.getMessage().contains("Couldn't read management.credentials.file"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ApiAccess.from(config("management.auth", "bearer",
                "management.credentials.env", "UNSET_VARIABLE"), n -> null));
        assertTrue(e.getMessage().contains("the environment variable UNSET_VARIABLE is empty"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ApiAccess.from(config("management.tls.keystore.path",
                Files.writeString(dir.resolve("bad.p12"), "not a keystore").toString()), n -> null));
        assertTrue(e.getMessage().contains("Couldn't load management.tls.keystore.path"), e.getMessage());
    }
}
