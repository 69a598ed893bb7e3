package io.cyberplaza.provisioner.aws;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the platform's EC2 account is and how it is laid out.
 *
 * @param environment   the {@code cyberplaza:env} tag value of this deployment: only its instances are listed
 * @param regions       where {@code listOwned} looks for instances (leaks can be in any region offers use)
 * @param subnetsByZone the platform's subnet in each availability zone offers may name
 * @param endpoint      an endpoint override (moto for local runs and tests), else null for AWS itself
 * @param interceptors  SDK interceptors added to every client (tests inject faults here)
 */
public record Ec2Settings(String environment, List<String> regions, Map<String, String> subnetsByZone, URI endpoint,
                          List<ExecutionInterceptor> interceptors) {
    public Ec2Settings {
        Objects.requireNonNull(environment, "environment");
        regions = List.copyOf(regions);
        subnetsByZone = Map.copyOf(subnetsByZone);
        interceptors = List.copyOf(interceptors);
        if (regions.isEmpty()) throw new IllegalArgumentException("the EC2 provisioner needs at least one region");
    }
}
