package io.cyberplaza.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** What the generated OpenAPI document says about the API as a whole. */
@OpenAPIDefinition(info = @Info(title = "CyberPlaza API", version = "1",
        description = "Buy compute with USDC held in an on-chain escrow: sign in with Ethereum, quote, order, pay the "
                + "escrow, follow the order to its settlement. Amounts are strings of base units (micro-USDC). Every error is "
                + "RFC 9457 application/problem+json with a stable type."))
@SecurityScheme(name = "session", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The token from POST /auth/login")
public final class ApiDocument {
    private ApiDocument() {
    }
}
