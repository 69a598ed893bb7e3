package io.cyberplaza.api.auth;

import io.cyberplaza.api.ApiSettings;
import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.ContractSignatures;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-In with Ethereum: a single-use nonce per address, then a signed EIP-4361 message that must
 * name this API's domain and chain, carry that nonce, be fresh, and be signed by the address it
 * names: with its key, or, for an account that holds no key (a Safe, an ERC-4337 account), as the
 * account itself answers on chain (EIP-1271, ERC-6492 before it is deployed). The answer is a
 * short-lived session token whose subject is the address.
 */
@Singleton
public final class LoginService {
    private static final Duration MAX_MESSAGE_AGE = Duration.ofMinutes(10);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Challenge(String nonce, Instant expiresAt, String message) {
    }

    public record Session(String token, String address, Set<Role> roles, Instant expiresAt) {
    }

    private final LoginNonces nonces;
    private final EscrowInfo escrow;
    private final ApiSettings settings;
    private final TokenGenerator tokens;
    private final AccountService accounts;
    private final ContractSignatures contractSignatures;
    private final Clock clock;

    public LoginService(LoginNonces nonces, EscrowInfo escrow, ApiSettings settings, TokenGenerator tokens,
                        AccountService accounts, ContractSignatures contractSignatures, Clock clock) {
        this.nonces = nonces;
        this.escrow = escrow;
        this.settings = settings;
        this.tokens = tokens;
        this.accounts = accounts;
        this.contractSignatures = contractSignatures;
        this.clock = clock;
    }

    public Challenge challenge(String address) {
        String normalized = address.toLowerCase();
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(settings.nonceTtl());
        nonces.issue(nonce, normalized, expiresAt);
        SiweMessage message = new SiweMessage(settings.domains().getFirst(), org.web3j.crypto.Keys.toChecksumAddress(normalized),
                Optional.of("Sign in to CyberPlaza to buy and manage compute."), settings.uri(), "1", escrow.chainId(), nonce,
                now, Optional.of(expiresAt), Optional.empty(), Optional.empty(), List.of());
        return new Challenge(nonce, expiresAt, message.toText());
    }

    public Session login(String messageText, String signature) {
        SiweMessage message;
        try {
            message = SiweMessage.parse(messageText);
        } catch (SiweMessage.InvalidMessageException e) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "not a Sign-In with Ethereum message: " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!settings.domains().contains(message.domain())) refuse("the message is for another site");
        if (!settings.uri().equals(message.uri())) refuse("the message's URI is " + message.uri() + ", not " + settings.uri());
        requireChecksumIfMixedCase(message.address());
        if (message.chainId() != escrow.chainId()) refuse("the message is for chain " + message.chainId());
        if (message.issuedAt().isAfter(now.plus(CLOCK_SKEW)) || message.issuedAt().isBefore(now.minus(MAX_MESSAGE_AGE))) {
            refuse("the message was not issued just now");
        }
        if (message.expirationTime().map(t -> !now.isBefore(t)).orElse(false)) refuse("the message has expired");
        if (message.notBefore().map(t -> now.isBefore(t)).orElse(false)) refuse("the message is not valid yet");
        String address = message.address().toLowerCase();
        if (!signedBy(address, messageText, message.nonce(), now, signature)) refuse("the signature is not the named address's");
        // Consumed last: a forged attempt does not burn the real user's nonce.
        if (!nonces.consume(message.nonce(), address, now)) refuse("the nonce is unknown, used or expired");

        Instant expiresAt = now.plus(settings.sessionTtl());
        // The roles in the token tell the client what it may do now; each request reads them again (CurrentRoles).
        Set<Role> roles = accounts.rolesOf(address);
        String token = tokens.generateToken(Authentication.build(address, roles.stream().map(Role::name).sorted().toList(), Map.of()),
                        Math.toIntExact(settings.sessionTtl().toSeconds()))
                .orElseThrow(() -> new IllegalStateException("no session token could be signed"));
        return new Session(token, address, roles, expiresAt);
    }

    /**
     * A key's signature is checked here; only one that is not the address's key costs a question to
     * the chain, which is how a contract account is told from a forgery, and only for a message whose
     * nonce is live: an invented message costs the caller a nonce it asked for first.
     */
    private boolean signedBy(String address, String messageText, String nonce, Instant now, String signatureHex) {
        if (SignatureVerifier.signer(messageText, signatureHex).filter(address::equals).isPresent()) return true;
        if (!nonces.isLive(nonce, address, now)) return false;
        return SignatureVerifier.bytes(signatureHex)
                .map(signature -> contractSignatures.accepts(address, SignatureVerifier.personalDigest(messageText), signature))
                .orElse(false);
    }

    /**
     * EIP-4361 names the address in its EIP-55 form. An address in one case carries no checksum and is
     * taken as written; one in mixed case must be the checksum, or a mistyped address would sign in.
     */
    private static void requireChecksumIfMixedCase(String address) {
        String hex = address.startsWith("0x") ? address.substring(2) : address;
        boolean mixed = !hex.equals(hex.toLowerCase(java.util.Locale.ROOT)) && !hex.equals(hex.toUpperCase(java.util.Locale.ROOT));
        if (mixed && !org.web3j.crypto.Keys.toChecksumAddress(address).equals(address)) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the address " + address
                    + " is in mixed case but its EIP-55 checksum is wrong; send it as the wallet gives it");
        }
    }

    private static void refuse(String reason) {
        throw new DomainException(ErrorType.UNAUTHORIZED, "sign-in refused: " + reason);
    }
}
