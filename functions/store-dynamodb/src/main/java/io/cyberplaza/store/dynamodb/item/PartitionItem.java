package io.cyberplaza.store.dynamodb.item;

import io.cyberplaza.core.offer.HpcPartition;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** An HPC offer's batch partition, nested in listings. */
@DynamoDbBean
public class PartitionItem {
    private String name;
    private Integer nodes;
    private Integer coresPerNode;
    private Long memoryMbPerNode;
    private Integer gpusPerNode;
    private Integer maxWallMinutes;
    private String billedBy;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }

    public Integer getNodes() { return nodes; }
    public void setNodes(Integer nodes) { this.nodes = nodes; }

    public Integer getCoresPerNode() { return coresPerNode; }
    public void setCoresPerNode(Integer coresPerNode) { this.coresPerNode = coresPerNode; }

    public Long getMemoryMbPerNode() { return memoryMbPerNode; }
    public void setMemoryMbPerNode(Long memoryMbPerNode) { this.memoryMbPerNode = memoryMbPerNode; }

    public Integer getGpusPerNode() { return gpusPerNode; }
    public void setGpusPerNode(Integer gpusPerNode) { this.gpusPerNode = gpusPerNode; }

    public Integer getMaxWallMinutes() { return maxWallMinutes; }
    public void setMaxWallMinutes(Integer maxWallMinutes) { this.maxWallMinutes = maxWallMinutes; }

    public String getBilledBy() { return billedBy; }
    public void setBilledBy(String billedBy) { this.billedBy = billedBy; }

    public static PartitionItem of(HpcPartition partition) {
        if (partition == null) return null;
        PartitionItem item = new PartitionItem();
        item.setName(partition.name());
        item.setNodes(partition.nodes());
        item.setCoresPerNode(partition.coresPerNode());
        item.setMemoryMbPerNode(partition.memoryMbPerNode());
        item.setGpusPerNode(partition.gpusPerNode());
        item.setMaxWallMinutes(partition.maxWallMinutes());
        item.setBilledBy(partition.billedBy().name());
        return item;
    }

    public static HpcPartition toPartition(PartitionItem item) {
        return item == null ? null : new HpcPartition(item.getName(), item.getNodes(), item.getCoresPerNode(), item.getMemoryMbPerNode(),
                item.getGpusPerNode(), item.getMaxWallMinutes(), HpcPartition.BilledBy.valueOf(item.getBilledBy()));
    }
}
