package io.cyberplaza.chain;

import io.cyberplaza.core.escrow.TokenState;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;

import java.util.List;

/** USDC's {@code paused()} and {@code isBlacklisted(escrow)}, as Circle's FiatToken (and the local test token) answer them. */
public final class ChainTokenState implements TokenState {
    private final ContractReader token;
    private final String escrow;

    public ChainTokenState(Web3j web3j, String token, String escrow) {
        this.token = new ContractReader(web3j, token);
        this.escrow = escrow;
    }

    @Override
    public Status read() {
        return new Status(flag(new Function("paused", List.of(), List.of(new TypeReference<Bool>() { }))),
                flag(new Function("isBlacklisted", List.of(new Address(escrow)), List.of(new TypeReference<Bool>() { }))));
    }

    private boolean flag(Function function) {
        return (Boolean) token.call(function).getFirst().getValue();
    }
}
