package io.cyberplaza.aws.secrets;

import io.cyberplaza.core.secret.KeyWrapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.util.Map;

/**
 * The key-encryption key kept in AWS KMS: data keys are made by GenerateDataKey and unwrapped by
 * Decrypt, so the platform key itself never reaches the function. Every data key is bound to an
 * encryption context naming its purpose: a wrapped key copied into another context (or another
 * application's ciphertext offered here) does not decrypt, and CloudTrail shows what each use was for.
 */
public final class KmsKeyWrapper implements KeyWrapper {
    static final Map<String, String> CONTEXT = Map.of("cyberplaza:purpose", "coupon-codes");

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId the key's id, ARN or alias; the ARN KMS answers with is what wrapped keys record */
    public KmsKeyWrapper(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey newDataKey() {
        GenerateDataKeyResponse made = kms.generateDataKey(r -> r.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        return new DataKey(made.plaintext().asByteArray(), made.keyId(), made.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrapped) {
        // Naming the key makes KMS refuse a blob of any other key instead of decrypting it with that one.
        DecryptResponse opened = kms.decrypt(r -> r.keyId(wrappingKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                .encryptionContext(CONTEXT));
        return opened.plaintext().asByteArray();
    }
}
