package io.cyberplaza.provisioner.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.vendor.CallbackReader;

import java.util.List;
import java.util.regex.Pattern;

import static io.cyberplaza.vendor.CallbackJson.malformed;
import static io.cyberplaza.vendor.CallbackJson.object;
import static io.cyberplaza.vendor.CallbackJson.parse;
import static io.cyberplaza.vendor.CallbackJson.text;
import static io.cyberplaza.vendor.CallbackJson.time;

/**
 * EventBridge's "EC2 Instance State-change Notification", delivered through an API destination
 * whose connection sends the shared key. The resource id is {@code <region>/<instance id>}, as the
 * provisioner names its instances.
 */
final class Ec2StateChanges implements CallbackReader {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    @Override
    public String route() {
        return "aws";
    }

    @Override
    public Authentication authentication() {
        return new Authentication.SharedKey(Ec2Vendor.WEBHOOK_KEY_SECRET);
    }

    @Override
    public Delivery read(byte[] body) {
        JsonNode event = parse(body);
        if (!"aws.ec2".equals(event.path("source").textValue())
                || !"EC2 Instance State-change Notification".equals(event.path("detail-type").textValue())) {
            throw malformed("not an EC2 Instance State-change Notification");
        }
        JsonNode detail = object(event, "detail");
        String instanceId = text(detail, "instance-id");
        String region = text(event, "region");
        if (!INSTANCE_ID.matcher(instanceId).matches() || !REGION.matcher(region).matches()) throw malformed("bad instance or region");
        ResourceStatus status = switch (text(detail, "state")) {
            case "pending" -> ResourceStatus.PENDING;
            case "running" -> ResourceStatus.RUNNING;
            case "stopping", "stopped" -> ResourceStatus.STOPPED;
            case "shutting-down", "terminated" -> ResourceStatus.TERMINATED;
            default -> throw malformed("unknown EC2 state");
        };
        return Delivery.of(List.of(new VendorEvent(Ec2Provisioner.KIND, text(event, "id"), region + "/" + instanceId, status,
                time(event, "time"))));
    }
}
