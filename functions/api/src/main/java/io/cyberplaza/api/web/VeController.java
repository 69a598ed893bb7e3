package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.ve.VeView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** veCPT: the caller's locks, votes, fee discount and USDC fee share. */
@Controller
@Requires(beans = VeView.class)
@Tag(name = "veCPT", description = "CPT locked for votes, a discount on the platform's fee, and a share of its fees in USDC")
@Documented.RateLimited
public class VeController {
    private final VeView ve;

    public VeController(VeView ve) {
        this.ve = ve;
    }

    @Operation(summary = "The caller's veCPT",
            description = "Read from the chain: the lock, voting power now (zero at the unlock), the fee discount tier quotes apply, "
                    + "the next tier, and the USDC fee share the distributor pays on claim(account).")
    @ApiResponse(responseCode = "200", description = "the caller's veCPT",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VeDtos.AccountView.class)))
    @ApiResponse(responseCode = "503", description = "chain-unavailable: the chain could not be read just now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirement(name = "session")
    @Documented.NeedsSession
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/ve")
    public VeDtos.AccountView mine(Authentication caller) {
        return VeDtos.AccountView.of(ve.of(caller.getName()));
    }
}
