package io.cyberplaza.aws.secrets;

import io.cyberplaza.core.groupbuy.SealedCode;
import io.cyberplaza.core.secret.EnvelopeCodeVault;
import io.cyberplaza.core.secret.KeyWrapper;
import io.cyberplaza.core.secret.LocalKeyWrapper;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.testing.MotoServer;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Coupon codes' envelope encryption under a KMS key (moto server on loopback), as the AWS functions do it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsKeyWrapperTest {
    private static final String PREFIX = "cyberplaza/kms-test/";

    private MotoServer moto;
    private KmsClient kms;
    private String platformKey;
    private String otherKey;

    @BeforeAll
    void start() throws Exception {
        moto = MotoServer.start(Path.of("target/moto-kms.log"));
        kms = KmsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        platformKey = kms.createKey(r -> r.description("platform")).keyMetadata().arn();
        otherKey = kms.createKey(r -> r.description("another application's")).keyMetadata().arn();
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            secrets.createSecret(r -> r.name(PREFIX + SecretStore.COUPON_FINGERPRINT_KEY)
                    .secretString(Base64.getEncoder().encodeToString(new byte[32])));
            secrets.createSecret(r -> r.name(PREFIX + SecretStore.COUPON_CODE_KEY)
                    .secretString(Base64.getEncoder().encodeToString(new byte[32])));
        }
    }

    @AfterAll
    void stop() {
        if (kms != null) kms.close();
        if (moto != null) moto.close();
    }

    @Test
    void aDataKeyComesBackOnlyFromItsOwnKeyAndContext() {
        KmsKeyWrapper wrapper = new KmsKeyWrapper(kms, platformKey);
        KeyWrapper.DataKey dataKey = wrapper.newDataKey();

        assertThat(dataKey.plaintext()).hasSize(32);
        assertThat(dataKey.keyId()).isEqualTo(platformKey);
        assertThat(dataKey.wrapped()).isNotEqualTo(dataKey.plaintext());
        assertThat(wrapper.unwrap(dataKey.keyId(), dataKey.wrapped())).isEqualTo(dataKey.plaintext());

        // Named as another key's, or made for another purpose, the same kind of blob does not open.
        assertThatThrownBy(() -> wrapper.unwrap(otherKey, dataKey.wrapped())).isInstanceOf(KmsException.class);
        byte[] elsewhere = kms.encrypt(r -> r.keyId(platformKey).plaintext(SdkBytes.fromByteArray(new byte[32]))
                .encryptionContext(Map.of("cyberplaza:purpose", "something-else"))).ciphertextBlob().asByteArray();
        assertThatThrownBy(() -> wrapper.unwrap(platformKey, elsewhere)).isInstanceOf(KmsException.class);
    }

    @Test
    void codesSealedUnderKmsOpenAgainAndNeverShowInWhatIsStored() {
        EnvelopeCodeVault vault = new EnvelopeCodeVault(new KmsKeyWrapper(kms, platformKey), new byte[32]);
        List<String> codes = List.of("GPU-7H2K-99QX-ALPHA", "GPU-7H2K-99QX-BRAVO", "GPU-7H2K-99QX-CHARLIE");

        List<SealedCode> sealed = vault.seal(codes);

        assertThat(sealed).extracting(SealedCode::keyId).containsOnly(platformKey);
        // One data key for the delivery: one KMS call, however many codes.
        assertThat(sealed).extracting(SealedCode::wrappedKey).containsOnly(sealed.getFirst().wrappedKey());
        for (int i = 0; i < codes.size(); i++) {
            String stored = sealed.get(i).toString() + new String(Base64.getDecoder().decode(sealed.get(i).ciphertext()), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain(codes.get(i));
        }
        // A fresh vault (another container) opens them: only KMS held what it needed.
        EnvelopeCodeVault elsewhere = new EnvelopeCodeVault(new KmsKeyWrapper(kms, platformKey), new byte[32]);
        assertThat(sealed.stream().map(elsewhere::open).toList()).isEqualTo(codes);
    }

    @Test
    void theFunctionsUseKmsWhenTheDeploymentNamesAKeyAndTheSecretStoresKeyOtherwise() {
        try (ApplicationContext withKms = ApplicationContext.builder().environments("function").properties(deployment(platformKey)).start()) {
            assertThat(withKms.getBean(KeyWrapper.class)).isInstanceOf(KmsKeyWrapper.class);
        }
        try (ApplicationContext withoutKms = ApplicationContext.builder().environments("function").properties(deployment(null)).start()) {
            assertThat(withoutKms.getBean(KeyWrapper.class)).isInstanceOf(LocalKeyWrapper.class);
        }
    }

    private Map<String, Object> deployment(String kmsKeyId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("cyberplaza.secrets.endpoint", moto.endpoint().toString());
        properties.put("cyberplaza.secrets.prefix", PREFIX);
        properties.put("cyberplaza.kms.endpoint", moto.endpoint().toString());
        if (kmsKeyId != null) properties.put("cyberplaza.coupons.kms-key-id", kmsKeyId);
        // Addresses only: nothing below reaches a chain, a table or a queue.
        properties.put("cyberplaza.dynamodb.endpoint", "http://127.0.0.1:9");
        properties.put("cyberplaza.sqs.endpoint", "http://127.0.0.1:9");
        properties.put("cyberplaza.chain.rpc-url", "http://127.0.0.1:9");
        properties.put("cyberplaza.chain.chain-id", 31337);
        properties.put("cyberplaza.chain.escrow", "0x00000000000000000000000000000000000000e5");
        properties.put("cyberplaza.chain.token", "0x00000000000000000000000000000000000000c0");
        return properties;
    }
}
