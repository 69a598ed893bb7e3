package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.math.BigInteger;

@DynamoDbBean
public class TxAttemptItem {
    private String txHash;
    private String rawTransaction;
    private BigInteger maxFeePerGas;
    private BigInteger maxPriorityFeePerGas;
    private Long signedAt;

    public String getTxHash() { return txHash; }
    public void setTxHash(String txHash) { this.txHash = txHash; }

    public String getRawTransaction() { return rawTransaction; }
    public void setRawTransaction(String rawTransaction) { this.rawTransaction = rawTransaction; }

    public BigInteger getMaxFeePerGas() { return maxFeePerGas; }
    public void setMaxFeePerGas(BigInteger maxFeePerGas) { this.maxFeePerGas = maxFeePerGas; }

    public BigInteger getMaxPriorityFeePerGas() { return maxPriorityFeePerGas; }
    public void setMaxPriorityFeePerGas(BigInteger maxPriorityFeePerGas) { this.maxPriorityFeePerGas = maxPriorityFeePerGas; }

    public Long getSignedAt() { return signedAt; }
    public void setSignedAt(Long signedAt) { this.signedAt = signedAt; }
}
