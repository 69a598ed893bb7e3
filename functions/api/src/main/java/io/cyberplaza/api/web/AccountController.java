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

import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Pattern;

import java.util.Locale;
import java.util.Set;

/** The caller's own roles, and operators granting and revoking roles. */
@Controller
@Tag(name = "Accounts", description = "Roles: USER for everyone; PROVIDER and OPERATOR granted by an operator")
@SecurityRequirement(name = "session")
@ApiResponse(responseCode = "400", description = "invalid-request: a malformed address, or a role other than PROVIDER or OPERATOR", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.NeedsSession
@Documented.RateLimited
public class AccountController {
    /** Only the roles an operator may grant; USER is everyone's. */
    static final String GRANTABLE_ROLE = "PROVIDER|OPERATOR";

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "The caller's roles")
    @ApiResponse(responseCode = "200", description = "the caller", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.AccountView.class)))
    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Dtos.AccountView me(Authentication caller) {
        return view(caller.getName(), accounts.rolesOf(caller.getName()));
    }

    @Operation(summary = "An address's roles (operators)")
    @ApiResponse(responseCode = "200", description = "the address's roles now", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.AccountView.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: operators only", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Get("/accounts/{address}")
    @Secured("OPERATOR")
    public Dtos.AccountView account(@PathVariable @Pattern(regexp = Dtos.ADDRESS) String address) {
        return view(address, accounts.rolesOf(address));
    }

    @Operation(summary = "Grant a role (operators); it applies within seconds, on the holder's next requests")
    @ApiResponse(responseCode = "200", description = "the address's roles now", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.AccountView.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: operators only", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Put("/accounts/{address}/roles/{role}")
    @Secured("OPERATOR")
    public Dtos.AccountView grant(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ADDRESS) String address,
                                  @PathVariable @Pattern(regexp = GRANTABLE_ROLE) String role) {
        return view(address, accounts.grant(caller.getName(), address, Role.valueOf(role)));
    }

    @Operation(summary = "Revoke a role (operators)")
    @ApiResponse(responseCode = "200", description = "the address's roles now", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.AccountView.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: operators only", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: an operator cannot revoke their own operator role", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Delete("/accounts/{address}/roles/{role}")
    @Secured("OPERATOR")
    public Dtos.AccountView revoke(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ADDRESS) String address,
                                   @PathVariable @Pattern(regexp = GRANTABLE_ROLE) String role) {
        return view(address, accounts.revoke(caller.getName(), address, Role.valueOf(role)));
    }

    private static Dtos.AccountView view(String address, Set<Role> roles) {
        return new Dtos.AccountView(address.toLowerCase(Locale.ROOT), roles.stream().map(Role::name).sorted().toList());
    }
}
