package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.cyberplaza.api.auth.LoginService;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Sign-in", description = "Sign-In with Ethereum (EIP-4361)")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing or malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.RateLimited
public class AuthController {
    private final LoginService login;

    public AuthController(LoginService login) {
        this.login = login;
    }

    @Operation(summary = "A nonce and the message to sign", description = "The nonce is single-use and expires in 5 minutes.")
    @ApiResponse(responseCode = "200", description = "the message to sign", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.NonceResponse.class)))
    @Post("/nonce")
    public Dtos.NonceResponse nonce(@Valid @Body Dtos.NonceRequest request) {
        LoginService.Challenge challenge = login.challenge(request.address());
        return new Dtos.NonceResponse(challenge.nonce(), challenge.expiresAt(), challenge.message());
    }

    @Operation(summary = "Exchange the signed message for a session token",
            description = "The token lasts an hour and carries the caller's roles.")
    @ApiResponse(responseCode = "200", description = "signed in", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.LoginResponse.class)))
    @ApiResponse(responseCode = "401", description = "unauthorized: wrong signature, site, chain, or a used or expired nonce", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Post("/login")
    public Dtos.LoginResponse login(@Valid @Body Dtos.LoginRequest request) {
        LoginService.Session session = login.login(request.message(), request.signature());
        return new Dtos.LoginResponse(session.token(), "Bearer", session.address(),
                session.roles().stream().map(Enum::name).sorted().toList(), session.expiresAt());
    }
}
