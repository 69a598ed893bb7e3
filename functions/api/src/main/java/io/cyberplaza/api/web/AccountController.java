package io.cyberplaza.api.web;

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
public class AccountController {
    /** Only the roles an operator may grant; USER is everyone's. */
    static final String GRANTABLE_ROLE = "PROVIDER|OPERATOR";

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Dtos.AccountView me(Authentication caller) {
        return view(caller.getName(), accounts.rolesOf(caller.getName()));
    }

    @Get("/accounts/{address}")
    @Secured("OPERATOR")
    public Dtos.AccountView account(@PathVariable @Pattern(regexp = Dtos.ADDRESS) String address) {
        return view(address, accounts.rolesOf(address));
    }

    @Put("/accounts/{address}/roles/{role}")
    @Secured("OPERATOR")
    public Dtos.AccountView grant(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ADDRESS) String address,
                                  @PathVariable @Pattern(regexp = GRANTABLE_ROLE) String role) {
        return view(address, accounts.grant(caller.getName(), address, Role.valueOf(role)));
    }

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
