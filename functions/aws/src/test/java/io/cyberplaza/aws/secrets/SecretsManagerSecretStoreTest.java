package io.cyberplaza.aws.secrets;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.cyberplaza.aws.handler.ApiHandler;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.queue.sqs.SqsQueues;
import io.cyberplaza.testing.MotoServer;
import io.micronaut.context.ApplicationContext;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets from AWS Secrets Manager (moto server on loopback), as the Lambda functions read them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsManagerSecretStoreTest {
    private static final Path ROOT = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
    private static final String PREFIX = "cyberplaza/test/";
    private static final String JWT_KEY = "jwt-key-from-secrets-manager-0123456789abcdef";
    private static final Credentials SETTLER = Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(0xC0FFEE), 64));

    private MotoServer moto;
    private SecretsManagerClient client;

    @BeforeAll
    void start() throws Exception {
        moto = MotoServer.start(Path.of("target/moto.log"));
        client = SecretsManagerClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            SqsQueues.createMissing(sqs, new QueueNames("cyberplaza-local-"));
        }
        client.createSecret(r -> r.name(PREFIX + SecretStore.JWT_SIGNING_KEY).secretString(JWT_KEY));
        client.createSecret(r -> r.name(PREFIX + SecretStore.SETTLER_KEY).secretString(SETTLER.getEcKeyPair().getPrivateKey().toString(16) + "\n"));
        client.createSecret(r -> r.name(PREFIX + "binary").secretBinary(SdkBytes.fromUtf8String("not text")));
        client.createSecret(r -> r.name(PREFIX + "created-without-a-value"));
    }

    @AfterAll
    void stop() {
        if (client != null) client.close();
        if (moto != null) moto.close();
    }

    private Map<String, Object> deployment(String prefix) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("cyberplaza.secrets.endpoint", moto.endpoint().toString());
        properties.put("cyberplaza.secrets.prefix", prefix);
        // Addresses only: nothing below reaches a chain, a table or a queue.
        properties.put("cyberplaza.dynamodb.endpoint", "http://127.0.0.1:9");
        properties.put("cyberplaza.sqs.endpoint", moto.endpoint().toString()); // the API looks its queues up at start
        properties.put("cyberplaza.chain.rpc-url", "http://127.0.0.1:9");
        properties.put("cyberplaza.chain.chain-id", 31337);
        properties.put("cyberplaza.chain.escrow", "0x00000000000000000000000000000000000000e5");
        properties.put("cyberplaza.chain.token", "0x00000000000000000000000000000000000000c0");
        return properties;
    }

    @Test
    void aSecretIsReadUnderTheDeploymentsPrefixAndTrimmed() {
        SecretStore store = new SecretsManagerSecretStore(client, PREFIX);
        assertThat(store.get(SecretStore.JWT_SIGNING_KEY)).isEqualTo(JWT_KEY);
        assertThat(store.get(SecretStore.SETTLER_KEY)).isEqualTo(SETTLER.getEcKeyPair().getPrivateKey().toString(16));
    }

    @Test
    void aMissingEmptyOrBinarySecretIsAnErrorThatNamesItAndNothingElse() {
        SecretStore store = new SecretsManagerSecretStore(client, PREFIX);
        assertThatThrownBy(() -> store.get("nowhere")).isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining(PREFIX + "nowhere");
        assertThatThrownBy(() -> store.get("created-without-a-value")).isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("no current value");
        assertThatThrownBy(() -> store.get("binary")).isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> new SecretsManagerSecretStore(client, "cyberplaza/other/").get(SecretStore.JWT_SIGNING_KEY))
                .isInstanceOf(SecretNotFoundException.class).hasMessageNotContaining(JWT_KEY);
    }

    @Test
    void theFunctionsSignSessionsAndSettlementsWithTheKeysFromTheStore() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().environments("function").properties(deployment(PREFIX)).start()) {
            SignedJWT session = context.getBean(SignatureGeneratorConfiguration.class, Qualifiers.byName("generator"))
                    .sign(new JWTClaimsSet.Builder().subject("0xabc").build());
            assertThat(session.verify(new MACVerifier(JWT_KEY.getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(context.getBean(TransactionSender.class).sender()).isEqualTo(SETTLER.getAddress().toLowerCase());
        }
    }

    @Test
    void theApiFunctionStartsAndAnswersWithoutTheSettlersKey() throws Exception {
        // Its role may read only the session key: a deployment whose prefix holds nothing else.
        client.createSecret(r -> r.name("cyberplaza/api-only/" + SecretStore.JWT_SIGNING_KEY).secretString(JWT_KEY));
        Map<String, Object> properties = deployment("cyberplaza/api-only/");
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (ApiHandler handler = new ApiHandler()) {
            APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader())
                    .fromJson(Files.readString(ROOT.resolve("events/apigw-v2-get-health.json")));
            assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
            // What would need the settler's key was never made: making it now fails, as it would have at start.
            assertThatThrownBy(() -> handler.getApplicationContext().getBean(TransactionSender.class))
                    .hasRootCauseInstanceOf(SecretNotFoundException.class);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
