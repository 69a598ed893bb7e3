package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.rewards.RewardsView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** CPT rewards: what the caller earned and how to claim it, and each epoch's public figures. */
@Controller
@Requires(beans = RewardsView.class)
@Tag(name = "Rewards", description = "CPT earned by spending on compute and by selling it, claimed on chain by Merkle proof")
@ApiResponse(responseCode = "503", description = "chain-unavailable: the chain could not be read just now",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.RateLimited
public class RewardsController {
    private final RewardsView rewards;

    public RewardsController(RewardsView rewards) {
        this.rewards = rewards;
    }

    @Operation(summary = "The caller's CPT rewards",
            description = "Earned, claimed and claimable CPT, per epoch, and the proof to claim the claimable part with the "
                    + "distributor's claim(account, cumulative, proof), which anyone may send for the account.")
    @ApiResponse(responseCode = "200", description = "the caller's rewards",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RewardsDtos.AccountView.class)))
    @SecurityRequirement(name = "session")
    @Documented.NeedsSession
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/rewards")
    public RewardsDtos.AccountView mine(Authentication caller) {
        return RewardsDtos.AccountView.of(rewards.of(caller.getName()));
    }

    @Operation(summary = "A rewards epoch: its root, totals and rates")
    @ApiResponse(responseCode = "200", description = "the epoch",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RewardsDtos.EpochView.class)))
    @ApiResponse(responseCode = "400", description = "invalid-request: the epoch is not a number from 1",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not-found: the epoch has not been computed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/rewards/epochs/{epoch}")
    public RewardsDtos.EpochView epoch(@PathVariable @Min(1) @Max(1_000_000_000L) long epoch) {
        return rewards.epoch(epoch).map(RewardsDtos.EpochView::of)
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "epoch " + epoch + " has not been computed"));
    }
}
