package io.cyberplaza.api.web;

import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;


@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Public", description = "No sign-in needed")
@Documented.RateLimited
public class PublicController {
    @Operation(summary = "Whether the API answers")
    @ApiResponse(responseCode = "200", description = "ok", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Dtos.Health.class)))
    @Get("/health")
    public Dtos.Health health() {
        return new Dtos.Health("ok");
    }
}
