import { describe, expect, it } from "vitest";
import {
  alarmCount,
  authTokenUpdateStrategy,
  clusterMode,
  logDeliveries,
  treatMissingData,
  alarmName,
  alarmNames,
  cidrRuleCount,
  listLength,
  memberIds,
  notificationTopicArn,
  numCacheClusters,
  numNodeGroups,
  parameterGroupFamily,
  parameterGroupName,
  replicasPerNodeGroup,
  snapshotArns,
  snapshotWindow,
  subnetGroupName,
} from "../../lib/expressions/derivations";
import { groupAlarmsOn, groupTags, nodeAlarmsOn } from "../../lib/expressions/auto-scaling";
import { ALARMS, nodesAlarmName, nodesQuery } from "../../lib/construct/alarms";

describe("member cache cluster ids", () => {
  it("numbers nodes with three digits when cluster mode is off", () => {
    expect(memberIds.literal("orders", 1, [])).toEqual(["orders-001"]);
    expect(memberIds.literal("orders", 3, [])).toEqual(["orders-001", "orders-002", "orders-003"]);
  });

  it("numbers shard (4 digits) then node (3 digits) when cluster mode is on, ignoring the group size", () => {
    expect(memberIds.literal("orders", 1, [{ num_node_groups: 2, replicas_per_node_group: 1 }])).toEqual([
      "orders-0001-001",
      "orders-0001-002",
      "orders-0002-001",
      "orders-0002-002",
    ]);
    expect(memberIds.literal("c", 6, [{ num_node_groups: 3, replicas_per_node_group: 0 }])).toEqual([
      "c-0001-001",
      "c-0002-001",
      "c-0003-001",
    ]);
  });

  it("pads past nine shards and nodes", () => {
    const ids = memberIds.literal("x", 1, [{ num_node_groups: 12, replicas_per_node_group: 5 }]);
    expect(ids).toHaveLength(72);
    expect(ids.at(-1)).toBe("x-0012-006");
    expect(memberIds.literal("x", 6, []).at(-1)).toBe("x-006");
  });
});

describe("default parameter group names", () => {
  it.each([
    ["5.0.6", "default.redis5.0", "default.redis5.0.cluster.on"],
    ["4.0.10", "default.redis4.0", "default.redis4.0.cluster.on"],
    ["6.x", "default.redis6.x", "default.redis6.x.cluster.on"],
    ["6.0", "default.redis6.x", "default.redis6.x.cluster.on"],
    ["6.2", "default.redis6.x", "default.redis6.x.cluster.on"],
    ["7.0", "default.redis7", "default.redis7.cluster.on"],
    ["7.1", "default.redis7", "default.redis7.cluster.on"],
  ])("Redis %s: %s without cluster mode, %s with it", (version, off, on) => {
    const family = parameterGroupFamily.literal("redis", version);
    expect(parameterGroupName.literal(undefined, family, [])).toBe(off);
    expect(parameterGroupName.literal(undefined, family, [{ num_node_groups: 1, replicas_per_node_group: 0 }])).toBe(on);
  });

  it("maps versions to their family", () => {
    expect(parameterGroupFamily.literal("redis", "2.8.24")).toBe("redis2.8");
    expect(parameterGroupFamily.literal("redis", "3.2.10")).toBe("redis3.2");
  });

  it.each([
    ["7.2", "default.valkey7", "default.valkey7.cluster.on"],
    ["8.0", "default.valkey8", "default.valkey8.cluster.on"],
    ["8.1", "default.valkey8", "default.valkey8.cluster.on"],
  ])("Valkey %s: %s without cluster mode, %s with it", (version, off, on) => {
    const family = parameterGroupFamily.literal("valkey", version);
    expect(parameterGroupName.literal(undefined, family, [])).toBe(off);
    expect(parameterGroupName.literal(undefined, family, [{ num_node_groups: 2, replicas_per_node_group: 1 }])).toBe(on);
  });

  it("keeps a given group name and otherwise picks the default for the mode", () => {
    expect(parameterGroupName.literal("custom-redis7", "redis7", [])).toBe("custom-redis7");
    expect(parameterGroupName.literal(undefined, "redis7", [{ num_node_groups: 2, replicas_per_node_group: 1 }])).toBe(
      "default.redis7.cluster.on",
    );
  });
});

describe("alarm names", () => {
  it("joins member id, node id and suffix", () => {
    expect(alarmName("orders-001", "high-cpu-utilization")).toBe("orders-001-0001-high-cpu-utilization");
    expect(alarmName("orders-0002-001", "swap-usage")).toBe("orders-0002-001-0001-swap-usage");
  });

  it("names one alarm per member, in member order", () => {
    expect(alarmNames.literal(["a-001", "a-002"], "swap-usage")).toEqual([
      "a-001-0001-swap-usage",
      "a-002-0001-swap-usage",
    ]);
  });

  it("counts alarms per member only when alarms are on", () => {
    expect(alarmCount.literal(true, ["a-001", "a-002"])).toBe(2);
    expect(alarmCount.literal(false, ["a-001", "a-002"])).toBe(0);
  });
});

describe("replication group arguments derived from the inputs", () => {
  it("sets num_cache_clusters only with cluster mode off", () => {
    expect(numCacheClusters.literal(3, [])).toBe(3);
    expect(numCacheClusters.literal(3, [{ num_node_groups: 2, replicas_per_node_group: 1 }])).toBeUndefined();
  });

  it("sets shard and replica counts only with cluster mode on", () => {
    const cm = [{ num_node_groups: 4, replicas_per_node_group: 2 }];
    expect(numNodeGroups.literal(cm)).toBe(4);
    expect(replicasPerNodeGroup.literal(cm)).toBe(2);
    expect(numNodeGroups.literal([])).toBeUndefined();
    expect(replicasPerNodeGroup.literal([])).toBeUndefined();
  });

  it("drops the snapshot window when snapshots are off or the window is empty", () => {
    expect(snapshotWindow.literal("06:00-07:00", 15)).toBe("06:00-07:00");
    expect(snapshotWindow.literal("06:00-07:00", 0)).toBeUndefined();
    expect(snapshotWindow.literal("", 7)).toBeUndefined();
  });

  it("wraps a snapshot ARN in a list and leaves it unset otherwise", () => {
    expect(snapshotArns.literal("arn:aws:s3:::bucket/dump.rdb")).toEqual(["arn:aws:s3:::bucket/dump.rdb"]);
    expect(snapshotArns.literal(undefined)).toBeUndefined();
  });

  it('leaves the notification topic unset for ""', () => {
    expect(notificationTopicArn.literal("")).toBeUndefined();
    expect(notificationTopicArn.literal("arn:aws:sns:us-east-1:111122223333:events")).toBe(
      "arn:aws:sns:us-east-1:111122223333:events",
    );
  });

  it("creates one CIDR rule for any number of blocks, and one rule per source group", () => {
    expect(cidrRuleCount.literal([])).toBe(0);
    expect(cidrRuleCount.literal(["10.0.0.0/16", "10.1.0.0/16"])).toBe(1);
    expect(listLength.literal(["sg-1", "sg-2", "sg-3"])).toBe(3);
  });

  it("names the subnet group after the cluster", () => {
    expect(subnetGroupName("orders")).toBe("orders-subnet-group");
  });
});

describe("inputs of later Gruntwork releases", () => {
  it("reads num_node_groups and replicas_per_node_group as cluster mode, and cluster_mode when they are unset", () => {
    expect(clusterMode.literal([], 3, 2)).toEqual([{ num_node_groups: 3, replicas_per_node_group: 2 }]);
    const given = [{ num_node_groups: 1, replicas_per_node_group: 0 }];
    expect(clusterMode.literal(given, undefined, undefined)).toBe(given);
    expect(clusterMode.literal([], undefined, undefined)).toEqual([]);
  });

  it("delivers each log whose configuration is given, tagged with its log type", () => {
    const engine = { destination: "eng", destination_type: "cloudwatch-logs", log_format: "json" } as const;
    const slow = { destination: "slow", destination_type: "kinesis-firehose", log_format: "text" } as const;
    expect(logDeliveries.literal(engine, slow)).toEqual([
      { destination: "eng", destination_type: "cloudwatch-logs", log_format: "json", log_type: "engine-log" },
      { destination: "slow", destination_type: "kinesis-firehose", log_format: "text", log_type: "slow-log" },
    ]);
    expect(logDeliveries.literal(undefined, slow)).toEqual([
      { destination: "slow", destination_type: "kinesis-firehose", log_format: "text", log_type: "slow-log" },
    ]);
    expect(logDeliveries.literal(undefined, undefined)).toEqual([]);
  });

  it("rotates a token (provider 5.x's default, written to state), and says nothing without one", () => {
    expect(authTokenUpdateStrategy.literal("a-token-of-16-chars")).toBe("ROTATE");
    expect(authTokenUpdateStrategy.literal(undefined)).toBeUndefined();
  });

  it("lets an alarm's own treat_missing_data win over the shared one", () => {
    expect(treatMissingData.literal("breaching", "ignore")).toBe("breaching");
    expect(treatMissingData.literal(undefined, "ignore")).toBe("ignore");
  });
});

describe("alarms while automatic scaling is on", () => {
  const cpu = ALARMS.find((a) => a.metric === "CPUUtilization")!;
  const memory = ALARMS.find((a) => a.metric === "FreeableMemory")!;

  it("queries one series per node of the group, selected by the group's tag, worst first", () => {
    expect(nodesQuery(cpu, "orders")).toBe(
      `SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/ElastiCache", CacheClusterId, CacheNodeId) ` +
        `WHERE tag.ElastiCacheReplicationGroup = 'orders' GROUP BY CacheClusterId, CacheNodeId ORDER BY AVG() DESC`,
    );
    expect(nodesQuery(memory, "orders")).toBe(
      `SELECT MIN(FreeableMemory) FROM SCHEMA("AWS/ElastiCache", CacheClusterId, CacheNodeId) ` +
        `WHERE tag.ElastiCacheReplicationGroup = 'orders' GROUP BY CacheClusterId, CacheNodeId ORDER BY MIN() ASC`,
    );
    expect(nodesAlarmName(memory, "orders")).toBe("orders-all-nodes-low-memory-available");
  });

  it("trades the per-node alarms for the alarms over every node, and tags the group, only while scaling is on", () => {
    expect([nodeAlarmsOn.literal(true, false), nodeAlarmsOn.literal(true, true), nodeAlarmsOn.literal(false, false)]).toEqual([true, false, false]);
    expect([groupAlarmsOn.literal(true, false), groupAlarmsOn.literal(true, true), groupAlarmsOn.literal(false, true)]).toEqual([false, true, false]);
    const tags = { team: "cache" };
    expect(groupTags.literal(tags, false, "orders")).toBe(tags);
    expect(groupTags.literal(tags, true, "orders")).toEqual({ team: "cache", ElastiCacheReplicationGroup: "orders" });
  });
});
