package io.cyberplaza.local;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code POST /local/faucet}: test USDC and gas for a wallet. Exists only in the local runner. */
@Controller("/local/faucet")
@Requires(env = "local")
@Secured(SecurityRule.IS_ANONYMOUS)
public class FaucetController {

    @Serdeable
    public record FaucetRequest(@NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{40}") String address,
                                @Min(1) @Max(Faucet.MAX_MICRO_USDC) long amount) {
    }

    @Serdeable
    public record FaucetResponse(String address, String amount, String transaction) {
    }

    private final Faucet faucet;

    public FaucetController(Faucet faucet) {
        this.faucet = faucet;
    }

    @Post
    public FaucetResponse fund(@Valid @Body FaucetRequest request) throws Exception {
        String tx = faucet.fund(request.address(), request.amount());
        return new FaucetResponse(request.address().toLowerCase(), Long.toString(request.amount()), tx);
    }
}
