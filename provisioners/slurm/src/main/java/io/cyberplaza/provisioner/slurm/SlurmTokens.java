package io.cyberplaza.provisioner.slurm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The {@code X-SLURM-USER-TOKEN} of Slurm's {@code auth/jwt}: HS256 over the cluster's key, with the
 * user's name in {@code sun}. Minted here from the key the secret store holds, so no token outlives
 * {@link #LIFETIME} and none is stored; one is kept until a minute before it expires.
 */
public final class SlurmTokens {
    /** The secret holding the cluster's JWT key, base64: the Slurm module names its own secret. */
    public static final String SECRET = "slurm-jwt-key";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final MACSigner signer;
    private final String user;
    private final Clock clock;
    private volatile Minted current;

    private record Minted(String token, Instant expiresAt) {
    }

    /** @param key the cluster's {@code jwt_hs256.key}, at least 32 bytes */
    public SlurmTokens(byte[] key, String user, Clock clock) {
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException tooShort) {
            throw new IllegalArgumentException("a Slurm JWT key has at least 32 bytes", tooShort);
        }
        this.user = user;
        this.clock = clock;
    }

    public String user() {
        return user;
    }

    public String token() {
        Minted minted = current;
        Instant now = clock.instant();
        if (minted != null && now.isBefore(minted.expiresAt().minus(RENEW_BEFORE))) return minted.token();
        Instant expiresAt = now.plus(LIFETIME);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("sun", user).issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("the Slurm token could not be signed", e);
        }
        current = new Minted(jwt.serialize(), expiresAt);
        return current.token();
    }
}
