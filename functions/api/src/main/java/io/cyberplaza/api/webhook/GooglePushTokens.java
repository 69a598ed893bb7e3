package io.cyberplaza.api.webhook;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.Set;

/**
 * Authenticates Pub/Sub push deliveries: the OIDC token Google signs for the subscription's service
 * account, checked against Google's published keys (RS256), with the audience this endpoint was
 * given, Google as issuer, the expected service account, a verified email and an expiry in the future.
 * The audience and the account are the deployment's own (the Terraform passes those of the push
 * subscription it creates); a deployment that names none accepts no push at all, since any Google
 * account can have Google sign a token for any audience it likes.
 */
@Singleton
public class GooglePushTokens {
    private static final Set<String> GOOGLE_ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String serviceAccount;
    private final boolean configured;

    public GooglePushTokens(@Value("${cyberplaza.webhooks.gcp.jwks-url:`https://www.googleapis.com/oauth2/v3/certs`}") String jwksUrl,
                            @Value("${cyberplaza.webhooks.gcp.audience:}") String audience,
                            @Value("${cyberplaza.webhooks.gcp.service-account:}") String serviceAccount) throws MalformedURLException {
        this.serviceAccount = serviceAccount;
        this.configured = !audience.isBlank() && !serviceAccount.isBlank();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, null, Set.of("iss", "exp", "iat", "email")));
    }

    public void require(String authorization) {
        if (!configured) {
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "this deployment names no push identity for Google's "
                    + "deliveries (cyberplaza.webhooks.gcp.audience and service-account), so it accepts none");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the push carries no bearer token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring("Bearer ".length()).trim(), null);
        } catch (Exception e) {
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the push token is not valid: " + e.getMessage());
        }
        Object verified = claims.getClaim("email_verified");
        if (!GOOGLE_ISSUERS.contains(claims.getIssuer()) || !serviceAccount.equals(claims.getClaim("email"))
                || !(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the push token is not from the expected Google service account");
        }
    }
}
