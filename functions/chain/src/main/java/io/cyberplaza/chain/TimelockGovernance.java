package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.EscrowTimelock;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A governor's side of the escrow's timelock: a call is scheduled, waits the timelock's delay in
 * public, then anyone holding the executor role carries it out. The salt makes each action's id
 * stable, so the same action proposed twice is refused by the timelock instead of done twice.
 */
public final class TimelockGovernance {
    private static final byte[] NO_PREDECESSOR = new byte[32];

    /** One action: a call of {@code target} with {@code data}, identified by {@code salt}. */
    public record Action(String target, String data, byte[] salt) {
        public static Action named(String target, String data, String name) {
            return new Action(target, data, Hash.sha3(name.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final EscrowTimelock timelock;

    public TimelockGovernance(EscrowTimelock timelock) {
        this.timelock = timelock;
    }

    /** The id the timelock gives the action (what the API shows operators to follow). */
    public String idOf(Action action) throws Exception {
        return Numeric.toHexString(timelock.hashOperation(action.target(), BigInteger.ZERO, Numeric.hexStringToByteArray(action.data()),
                NO_PREDECESSOR, action.salt()).send());
    }

    public TransactionReceipt schedule(Action action) throws Exception {
        BigInteger delay = timelock.getMinDelay().send();
        return timelock.schedule(action.target(), BigInteger.ZERO, Numeric.hexStringToByteArray(action.data()), NO_PREDECESSOR,
                action.salt(), delay).send();
    }

    public boolean isReady(Action action) throws Exception {
        return timelock.isOperationReady(Numeric.hexStringToByteArray(idOf(action))).send();
    }

    public TransactionReceipt execute(Action action) throws Exception {
        return timelock.execute(action.target(), BigInteger.ZERO, Numeric.hexStringToByteArray(action.data()), NO_PREDECESSOR,
                action.salt(), BigInteger.ZERO).send();
    }
}
