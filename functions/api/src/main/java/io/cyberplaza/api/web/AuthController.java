package io.cyberplaza.api.web;

import io.cyberplaza.api.auth.LoginService;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
public class AuthController {
    private final LoginService login;

    public AuthController(LoginService login) {
        this.login = login;
    }

    @Post("/nonce")
    public Dtos.NonceResponse nonce(@Valid @Body Dtos.NonceRequest request) {
        LoginService.Challenge challenge = login.challenge(request.address());
        return new Dtos.NonceResponse(challenge.nonce(), challenge.expiresAt(), challenge.message());
    }

    @Post("/login")
    public Dtos.LoginResponse login(@Valid @Body Dtos.LoginRequest request) {
        LoginService.Session session = login.login(request.message(), request.signature());
        return new Dtos.LoginResponse(session.token(), "Bearer", session.address(),
                session.roles().stream().map(Enum::name).sorted().toList(), session.expiresAt());
    }
}
