package io.cyberplaza.aws.handler;

import io.micronaut.context.ApplicationContext;

/**
 * The vendor-webhook function: API Gateway sends it the {@code /webhooks/*} routes only (EC2 state
 * changes from the EventBridge API destination, Azure Event Grid, GCP Pub/Sub push). The same
 * controllers as the API; its own role, which may read the webhook keys and the Instances table.
 */
public class VendorWebhookHandler extends ApiHandler {

    public VendorWebhookHandler() {
    }

    public VendorWebhookHandler(ApplicationContext context) {
        super(context);
    }
}
