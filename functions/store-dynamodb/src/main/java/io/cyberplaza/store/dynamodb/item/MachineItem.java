package io.cyberplaza.store.dynamodb.item;

import io.cyberplaza.provisioner.MachineSpec;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.util.List;

/** A cloud offer's machine, nested in listings and order terms. */
@DynamoDbBean
public class MachineItem {
    private String machineType;
    private Boolean spot;
    private List<String> locations;

    public String getMachineType() { return machineType; }
    public void setMachineType(String machineType) { this.machineType = machineType; }

    public Boolean getSpot() { return spot; }
    public void setSpot(Boolean spot) { this.spot = spot; }

    public List<String> getLocations() { return locations; }
    public void setLocations(List<String> locations) { this.locations = locations; }

    public static MachineItem of(MachineSpec machine) {
        if (machine == null) return null;
        MachineItem item = new MachineItem();
        item.setMachineType(machine.machineType());
        item.setSpot(machine.spot());
        item.setLocations(machine.locations());
        return item;
    }

    public static MachineSpec toMachine(MachineItem item) {
        return item == null ? null : new MachineSpec(item.getMachineType(), Boolean.TRUE.equals(item.getSpot()), item.getLocations());
    }
}
