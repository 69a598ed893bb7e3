package io.cyberplaza.aws.handler;

import io.micronaut.context.ApplicationContext;

/**
 * The vendor-webhook function: API Gateway sends it the {@code /webhooks/*} routes only (each
 * vendor module's callbacks, whichever way the vendor delivers them). The same controllers as the
 * API; its own role, which may read the webhook keys and the Instances table.
 */
public class VendorWebhookHandler extends ApiHandler {

    public VendorWebhookHandler() {
    }

    public VendorWebhookHandler(ApplicationContext context) {
        super(context);
    }
}
