package io.cyberplaza.api.auth;

import com.nimbusds.jwt.JWT;
import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.Role;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Optional;

/**
 * A session token says who the caller is; what the caller may do is read from the accounts at each
 * request (kept for seconds per container, see {@code RecentAccounts}), not from the roles the token
 * was signed with. A revoked operator or provider is refused on every route at the next request
 * after the revocation is seen, not when the token expires.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public final class CurrentRoles implements JwtAuthenticationFactory {
    private final AccountService accounts;

    public CurrentRoles(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            var claims = token.getJWTClaimsSet();
            String address = claims.getSubject();
            if (address == null || address.isBlank()) return Optional.empty();
            var roles = accounts.rolesOf(address).stream().map(Role::name).sorted().toList();
            // The token's own roles claim is what the caller held when it signed in: left out, so nothing reads it by mistake.
            java.util.Map<String, Object> attributes = new java.util.HashMap<>(claims.getClaims());
            attributes.remove("roles");
            return Optional.of(Authentication.build(address, roles, attributes));
        } catch (ParseException unreadable) {
            return Optional.empty();
        }
    }
}
