import { beforeEach, describe, expect, it } from "vitest";
import type { ElastiCacheRedisProps } from "../../lib/inputs/props";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformLocal, Testing, TerraformStack, TerraformVariable } from "cdktf";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { onlyResource, resourcesOf, synthRedis, TerraformJson, withTempDir } from "../../tools/synth";

const base: ElastiCacheRedisProps = {
  name: "orders",
  instanceType: "cache.t3.micro",
  replicationGroupSize: 1,
  enableAutomaticFailover: false,
  enableMultiAz: false,
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-aaaa1111", "subnet-bbbb2222"],
};

/**
 * With literal props a counted resource picks its value per instance from a literal list:
 * `${["a", "b"][count.index]}`. Returns that list, or fails if the value has another shape.
 */
function perInstance(value: string): unknown[] {
  const match = /^\$\{(\[.*\])\[count\.index\]\}$/.exec(value);
  if (!match) throw new Error(`not a per-instance list: ${value}`);
  return JSON.parse(match[1]);
}

/** The construct with its auth token from a sensitive variable, as users must give it. */
function withTokenAuth(props: ElastiCacheRedisProps): TerraformJson {
  return withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "test");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const token = new TerraformVariable(stack, "redis_auth_token", { type: "string", sensitive: true });
    new ElastiCacheRedis(stack, "cache", { ...props, authToken: token.stringValue });
    return JSON.parse(Testing.synth(stack, true));
  });
}

const replicationGroup = (json: TerraformJson) => onlyResource(json, "aws_elasticache_replication_group");
const alarms = (json: TerraformJson) => resourcesOf(json, "aws_cloudwatch_metric_alarm");
const rules = (json: TerraformJson) => resourcesOf(json, "aws_security_group_rule");
const cidrRule = (json: TerraformJson) => rules(json).find((r) => "cidr_blocks" in r)!;
const sourceGroupRule = (json: TerraformJson) => rules(json).find((r) => "source_security_group_id" in r)!;

describe("cluster mode off, one node, module defaults", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis(base);
  });
  let rg!: TerraformJson;
  beforeEach(() => {
    rg = replicationGroup(json);
  });

  it("sets the replication group arguments from the inputs and defaults", () => {
    expect(rg).toMatchObject({
      replication_group_id: "orders",
      description: "Redis replication group orders",
      engine: "redis",
      engine_version: "5.0.6",
      node_type: "cache.t3.micro",
      port: 6379,
      num_cache_clusters: 1,
      parameter_group_name: "default.redis5.0",
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      snapshot_retention_limit: 15,
      snapshot_window: "06:00-07:00",
      maintenance_window: "sat:07:00-sat:08:00",
      apply_immediately: false,
      tags: {},
    });
  });

  it("leaves unset what the inputs leave unset", () => {
    for (const key of [
      "num_node_groups",
      "replicas_per_node_group",
      "auth_token",
      "snapshot_name",
      "snapshot_arns",
      "notification_topic_arn",
      "data_tiering_enabled",
    ]) {
      expect(rg, key).not.toHaveProperty(key);
    }
  });

  it("wires the subnet group and the security group into the replication group", () => {
    const subnetGroup = onlyResource(json, "aws_elasticache_subnet_group");
    expect(subnetGroup).toEqual({
      name: "orders-subnet-group",
      description: "Subnet group for the orders ElastiCache cluster",
      subnet_ids: ["subnet-aaaa1111", "subnet-bbbb2222"],
    });
    const securityGroup = onlyResource(json, "aws_security_group");
    expect(securityGroup).toEqual({
      name: "orders",
      description: "Security group for the orders ElastiCache cluster",
      vpc_id: "vpc-0123456789abcdef0",
    });
    expect(rg.subnet_group_name).toMatch(/^\$\{aws_elasticache_subnet_group\.\w+\.name\}$/);
    expect(rg.security_group_ids).toEqual([expect.stringMatching(/^\$\{aws_security_group\.\w+\.id\}$/)]);
  });

  it("creates no ingress rule without CIDR blocks or source groups", () => {
    expect(cidrRule(json).count).toBe(0);
    expect(sourceGroupRule(json).count).toBe(0);
  });

  it("creates the four alarms for the one member", () => {
    expect(alarms(json).map((a) => [a.count, perInstance(a.alarm_name)])).toEqual([
      [1, ["orders-001-0001-high-cpu-utilization"]],
      [1, ["orders-001-0001-high-engine-cpu-utilization"]],
      [1, ["orders-001-0001-low-memory-available"]],
      [1, ["orders-001-0001-swap-usage"]],
    ]);
  });
});

describe("alarm arguments", () => {
  const topics = ["arn:aws:sns:us-east-1:111122223333:ops", "arn:aws:sns:us-east-1:111122223333:pager"];
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis({ ...base, alarmsSnsTopicArns: topics });
  });

  it.each([
    ["CPUUtilization", "GreaterThanThreshold", 90, "Average", "Percent"],
    ["EngineCPUUtilization", "GreaterThanThreshold", 90, "Average", "Percent"],
    ["FreeableMemory", "LessThanThreshold", 100000000, "Minimum", "Bytes"],
    ["SwapUsage", "GreaterThanThreshold", 50000000, "Maximum", "Bytes"],
  ])("%s: %s %d, %s in %s, every minute, to every topic", (metric, comparison, threshold, statistic, unit) => {
    const alarm = alarms(json).find((a) => a.metric_name === metric)!;
    expect(alarm).toMatchObject({
      namespace: "AWS/ElastiCache",
      comparison_operator: comparison,
      threshold,
      statistic,
      unit,
      period: 60,
      evaluation_periods: 1,
      alarm_actions: topics,
      ok_actions: topics,
      insufficient_data_actions: topics,
    });
    expect(perInstance(alarm.dimensions.CacheClusterId)).toEqual(["orders-001"]);
    expect(alarm.dimensions.CacheNodeId).toBe("0001");
  });
});

describe("cluster mode off, three nodes", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis({
    ...base,
    replicationGroupSize: 3,
    enableAutomaticFailover: true,
    enableMultiAz: true,
    redisVersion: "6.2",
  });
  });

  it("asks for three cache clusters in the redis6.x family", () => {
    expect(replicationGroup(json)).toMatchObject({
      num_cache_clusters: 3,
      parameter_group_name: "default.redis6.x",
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      engine_version: "6.2",
    });
  });

  it("alarms on each of the three members, index i on member i", () => {
    expect(alarms(json)).toHaveLength(4);
    for (const alarm of alarms(json)) {
      expect(alarm.count).toBe(3);
      expect(perInstance(alarm.dimensions.CacheClusterId)).toEqual(["orders-001", "orders-002", "orders-003"]);
    }
    const cpu = alarms(json).find((a) => a.metric_name === "CPUUtilization")!;
    expect(perInstance(cpu.alarm_name)).toEqual([
      "orders-001-0001-high-cpu-utilization",
      "orders-002-0001-high-cpu-utilization",
      "orders-003-0001-high-cpu-utilization",
    ]);
  });
});

describe("cluster mode on, 2 shards x 1 replica", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis({
    ...base,
    redisVersion: "7.1",
    enableAutomaticFailover: true,
    clusterMode: [{ numNodeGroups: 2, replicasPerNodeGroup: 1 }],
  });
  });
  let rg!: TerraformJson;
  beforeEach(() => {
    rg = replicationGroup(json);
  });

  it("sets shards and replicas instead of a cache cluster count", () => {
    expect(rg).toMatchObject({
      num_node_groups: 2,
      replicas_per_node_group: 1,
      parameter_group_name: "default.redis7.cluster.on",
    });
    expect(rg).not.toHaveProperty("num_cache_clusters");
  });

  it("alarms on the real members (the HCL module would alarm on replication_group_size ids)", () => {
    const ids = ["orders-0001-001", "orders-0001-002", "orders-0002-001", "orders-0002-002"];
    expect(alarms(json)).toHaveLength(4);
    for (const alarm of alarms(json)) {
      expect(alarm.count).toBe(4);
      expect(perInstance(alarm.dimensions.CacheClusterId)).toEqual(ids);
    }
  });
});

describe("alarms turned off", () => {
  it("creates none of the four alarms", () => {
    const json = synthRedis({ ...base, replicationGroupSize: 2, enableCloudwatchAlarms: false });
    expect(alarms(json).map((a) => a.count)).toEqual([0, 0, 0, 0]);
  });
});

describe("ingress from CIDR blocks and security groups", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis({
    ...base,
    port: 6380,
    allowConnectionsFromCidrBlocks: ["10.0.0.0/16", "10.1.0.0/16"],
    allowConnectionsFromSecurityGroups: ["sg-0aaa", "sg-0bbb"],
  });
  });

  it("holds every CIDR block in one tcp ingress rule on the port", () => {
    expect(cidrRule(json)).toMatchObject({
      count: 1,
      type: "ingress",
      protocol: "tcp",
      from_port: 6380,
      to_port: 6380,
      cidr_blocks: ["10.0.0.0/16", "10.1.0.0/16"],
      security_group_id: expect.stringMatching(/^\$\{aws_security_group\.\w+\.id\}$/),
    });
  });

  it("creates one tcp ingress rule per source security group", () => {
    const rule = sourceGroupRule(json);
    expect(rule).toMatchObject({ count: 2, type: "ingress", protocol: "tcp", from_port: 6380, to_port: 6380 });
    expect(perInstance(rule.source_security_group_id)).toEqual(["sg-0aaa", "sg-0bbb"]);
  });
});

describe("optional inputs that are set", () => {
  let json!: TerraformJson;
  beforeEach(() => {
    json = synthRedis({
    ...base,
    redisVersion: "7.0",
    parameterGroupName: "custom-params",
    port: 7000,
    snapshotArn: "arn:aws:s3:::backups/orders.rdb",
    snapshotRetentionLimit: 0,
    snapshotWindow: "",
    snsTopicForNotifications: "arn:aws:sns:us-east-1:111122223333:events",
    enableAtRestEncryption: false,
    applyImmediately: true,
    tags: { team: "orders" },
  });
  });
  let rg!: TerraformJson;
  beforeEach(() => {
    rg = replicationGroup(json);
  });

  it("passes them to the replication group", () => {
    expect(rg).toMatchObject({
      parameter_group_name: "custom-params",
      port: 7000,
      snapshot_arns: ["arn:aws:s3:::backups/orders.rdb"],
      snapshot_retention_limit: 0,
      notification_topic_arn: "arn:aws:sns:us-east-1:111122223333:events",
      at_rest_encryption_enabled: "false",
      apply_immediately: true,
      tags: { team: "orders" },
    });
  });

  it("drops the snapshot window when snapshots are off", () => {
    expect(rg).not.toHaveProperty("snapshot_window");
  });

  it("restores from a named snapshot", () => {
    const restored = replicationGroup(synthRedis({ ...base, snapshotName: "orders-nightly" }));
    expect(restored.snapshot_name).toBe("orders-nightly");
    expect(restored).not.toHaveProperty("snapshot_arns");
  });
});

describe("rules between inputs when one of them is a token", () => {
  it("leaves them to Terraform as preconditions on the replication group", () => {
    const json = withTokenAuth({ ...base, enableTransitEncryption: false });
    const rg = replicationGroup(json);
    // A sensitive variable is read directly: Terraform never prints its value.
    expect(json.locals).toBeUndefined();
    expect(rg.auth_token).toBe("${var.redis_auth_token}");
    expect(rg.lifecycle.precondition).toEqual([
      {
        condition: '${nonsensitive(sensitive((var.redis_auth_token == null ? true : can(regex("^(?:[ !#-.0-?A-~]{16,128})$", var.redis_auth_token)))))}',
        error_message:
          'Invalid auth_token (sensitive value): must be null or 16-128 printable ASCII characters other than @, " and /.',
      },
      {
        condition: "${nonsensitive(sensitive((var.redis_auth_token == null))) || false}",
        error_message:
          "Invalid auth_token (sensitive value), enable_transit_encryption false: an auth_token needs enable_transit_encryption = true.",
      },
    ]);
  });

  it("reads a secret from a source that is not sensitive through a local that marks it sensitive", () => {
    const json = withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "test");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const token = new TerraformVariable(stack, "plain_token", { type: "string" });
      new ElastiCacheRedis(stack, "cache", { ...base, authToken: token.stringValue });
      return JSON.parse(Testing.synth(stack, true));
    });
    const rg = replicationGroup(json);
    const [local] = Object.keys(json.locals);
    expect(json.locals).toEqual({ [local]: "${sensitive(var.plain_token)}" });
    expect(rg.auth_token).toBe("${var.plain_token}");
    expect(JSON.stringify(rg.lifecycle)).not.toContain("var.plain_token");
    expect(JSON.stringify(json.check)).not.toContain("var.plain_token");
    expect(json.variable.plain_token).not.toHaveProperty("validation");
    expect(rg.lifecycle.precondition[0].condition).toBe(
      `\${nonsensitive(sensitive((local.${local} == null ? true : can(regex("^(?:[ !#-.0-?A-~]{16,128})$", local.${local})))))}`,
    );
  });

  it("adds no precondition when every input is a literal, and keeps whatever description the state holds", () => {
    expect(replicationGroup(synthRedis(base)).lifecycle).toEqual({ ignore_changes: ["description"] });
  });
});

describe("rules on tokens", () => {
  /** The construct with some props from variables (tokens) and the rest literal. */
  function withVariables(make: (stack: TerraformStack) => Partial<ElastiCacheRedisProps>): TerraformJson {
    return withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "test");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      new ElastiCacheRedis(stack, "cache", { ...base, ...make(stack) });
      return JSON.parse(Testing.synth(stack, true));
    });
  }
  const variable = (stack: TerraformStack, name: string) => new TerraformVariable(stack, name, { type: "string" });

  it("gives a variable that holds an input the input's rules as validation blocks, with the same messages", () => {
    const json = withVariables((stack) => ({ name: variable(stack, "cache_name").stringValue }));
    expect(replicationGroup(json).lifecycle).not.toHaveProperty("precondition");
    const messages = json.variable.cache_name.validation.map((v: { error_message: string }) => v.error_message);
    expect(messages).toEqual([
      "Invalid name ${jsonencode(var.cache_name)}: must be 1-40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.",
      'Invalid name ${jsonencode(var.cache_name)}: must not contain "--".',
      'Invalid name ${jsonencode(var.cache_name)}: must keep the subnet group name "<name>-subnet-group" within 255 characters.',
    ]);
  });

  it("validates a variable given to two constructs once", () => {
    const json = withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "test");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const port = new TerraformVariable(stack, "port", { type: "number" });
      new ElastiCacheRedis(stack, "a", { ...base, name: "a", port: port.numberValue });
      new ElastiCacheRedis(stack, "b", { ...base, name: "b", port: port.numberValue });
      return JSON.parse(Testing.synth(stack, true));
    });
    expect(json.variable.port.validation).toEqual([
      {
        condition: "${floor(var.port) == var.port && var.port >= 1 && var.port <= 65535}",
        error_message: "Invalid port ${jsonencode(var.port)}: must be a whole number from 1 to 65535.",
      },
    ]);
  });

  it("gives an expression that is not a variable (here a local) the input's rules as preconditions", () => {
    const json = withVariables((stack) => ({ name: new TerraformLocal(stack, "cache_name", "orders").asString }));
    expect(replicationGroup(json).lifecycle.precondition).toHaveLength(3);
    expect(replicationGroup(json).lifecycle.precondition[1]).toEqual({
      condition: '${!strcontains(local.cache_name, "--")}',
      error_message: 'Invalid name ${jsonencode(local.cache_name)}: must not contain "--".',
    });
  });

  it("turns warnings on a token into check blocks named after the construct", () => {
    const json = withVariables((stack) => ({ redisVersion: variable(stack, "redis_version").stringValue }));
    const names = Object.keys(json.check ?? {});
    expect(names).toEqual([expect.stringMatching(/^cache_redis_version_support_[0-9A-F]{8}$/)]);
    expect(json.check[names[0]].assert[0].error_message).toBe(
      "redis_version ${jsonencode(var.redis_version)}: Redis 5 and older are past AWS standard support (extended support is billed since 2026-02-01); plan an upgrade to Redis 7 or to Valkey, in place (see the README).",
    );
  });
});

describe("cluster mode given as a literal list holding tokens", () => {
  it("reaches every condition with Terraform's attribute names", () => {
    const json = withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "test");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const shards = new TerraformVariable(stack, "shards", { type: "number" });
      const retention = new TerraformVariable(stack, "retention", { type: "number" });
      new ElastiCacheRedis(stack, "cache", {
        ...base,
        enableAutomaticFailover: true,
        clusterMode: [{ numNodeGroups: shards.numberValue, replicasPerNodeGroup: 1 }],
        snapshotRetentionLimit: retention.numberValue,
      });
      return JSON.parse(Testing.synth(stack, true));
    });
    const conditions = [
      ...replicationGroup(json).lifecycle.precondition.map((p: { condition: string }) => p.condition),
      ...Object.values<{ assert: { condition: string }[] }>(json.check).map((c) => c.assert[0].condition),
    ].join("\n");
    expect(conditions).toContain('[{"num_node_groups" = var.shards, "replicas_per_node_group" = 1}]');
    expect(conditions).toContain("one([{");
    expect(conditions).not.toMatch(/numNodeGroups|replicasPerNodeGroup/);
    expect(Object.keys(json.check)).toEqual([expect.stringMatching(/^cache_snapshots_off_with_replicas_[0-9A-F]{8}$/)]);
  });
});

describe("props of later Gruntwork releases and of this module, as literals", () => {
  const KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  let json!: TerraformJson;
  beforeEach(() => {
    json = withTokenAuth({
      ...base,
      name: "sessions",
      engine: "valkey",
      redisVersion: "8.1",
      enableAutomaticFailover: true,
      numNodeGroups: 3,
      replicasPerNodeGroup: 1,
      kmsKeyId: KMS_KEY,
      autoMinorVersionUpgrade: false,
      engineLogDeliveryConfiguration: { logFormat: "json", destination: "sessions-engine", destinationType: "cloudwatch-logs" },
      slowLogDeliveryConfiguration: { destination: "sessions-slow", destinationType: "kinesis-firehose", logFormat: "text" },
      alarmTreatMissingData: "ignore",
      alarmLowMemoryAvailableTreatMissingData: "breaching",
      alarmLowMemoryAvailableThreshold: 25_000_000,
    });
  });

  it("sets the engine, the shards, the key and the upgrade policy as plain values", () => {
    expect(replicationGroup(json)).toMatchObject({
      engine: "valkey",
      engine_version: "8.1",
      parameter_group_name: "default.valkey8.cluster.on",
      num_node_groups: 3,
      replicas_per_node_group: 1,
      kms_key_id: KMS_KEY,
      auto_minor_version_upgrade: "false",
    });
    expect(replicationGroup(json)).not.toHaveProperty("num_cache_clusters");
    expect(json.locals).toBeUndefined();
  });

  it("writes one static log delivery block per log, with Terraform's attribute names", () => {
    expect(replicationGroup(json).log_delivery_configuration).toEqual([
      { destination: "sessions-engine", destination_type: "cloudwatch-logs", log_format: "json", log_type: "engine-log" },
      { destination: "sessions-slow", destination_type: "kinesis-firehose", log_format: "text", log_type: "slow-log" },
    ]);
    expect(replicationGroup(json)).not.toHaveProperty("dynamic");
  });

  it("rotates the token it is given, through a plan-time condition on whether there is one", () => {
    expect(replicationGroup(json).auth_token_update_strategy).toBe(
      '${nonsensitive(sensitive((var.redis_auth_token == null))) ? null : "ROTATE"}',
    );
  });

  it("alarms on the 6 members, each kind treating missing data as its inputs say", () => {
    const ofKind = (kind: string) => alarms(json).find((a) => a.metric_name === kind)!;
    expect(ofKind("CPUUtilization")).toMatchObject({ count: 6, treat_missing_data: "ignore" });
    expect(ofKind("EngineCPUUtilization").treat_missing_data).toBe("ignore");
    expect(ofKind("SwapUsage").treat_missing_data).toBe("ignore");
    expect(ofKind("FreeableMemory")).toMatchObject({ treat_missing_data: "breaching", threshold: 25_000_000 });
    expect(JSON.stringify(ofKind("CPUUtilization").alarm_name)).toContain("sessions-0001-001");
  });

  it("leaves the upgrade policy and the key unset when not given (v0.85.0 sent neither)", () => {
    const plain = replicationGroup(synthRedis(base));
    expect(plain).not.toHaveProperty("auto_minor_version_upgrade");
    expect(plain).not.toHaveProperty("kms_key_id");
    expect(plain).not.toHaveProperty("auth_token_update_strategy");
    expect(plain).not.toHaveProperty("log_delivery_configuration");
  });
});

describe("node types", () => {
  it("turns data tiering on for an r6gd type, as a plain value", () => {
    const rg = replicationGroup(synthRedis({ ...base, instanceType: "cache.r6gd.2xlarge", redisVersion: "6.2" }));
    expect(rg.data_tiering_enabled).toBe(true);
    expect(rg.node_type).toBe("cache.r6gd.2xlarge");
  });

  it("leaves data tiering unset for the r6g type of the same size", () => {
    expect(replicationGroup(synthRedis({ ...base, instanceType: "cache.r6g.2xlarge" }))).not.toHaveProperty("data_tiering_enabled");
  });

  it("checks a variable's instance_type with a precondition, since its message reads the table from locals", () => {
    const json = withTempDir((outdir) => {
      const stack = new TerraformStack(new App({ outdir }), "test");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      const type = new TerraformVariable(stack, "node_type", { type: "string" });
      new ElastiCacheRedis(stack, "cache", { ...base, instanceType: type.stringValue });
      return JSON.parse(Testing.synth(stack, true));
    });
    expect(json.variable.node_type).not.toHaveProperty("validation");
    // Outside the drop-in module, cdktf names a construct's locals after its path.
    const local = (name: string) => Object.keys(json.locals).find((key) => key.startsWith(`cache_${name}_`))!;
    const rg = replicationGroup(json);
    expect(rg.lifecycle.precondition.map((p: { error_message: string }) => p.error_message)).toEqual([
      `Invalid instance_type \${jsonencode(var.node_type)}: must be a node type cache.<family>.<size> in lowercase, its size micro, small, medium, large, xlarge or 2xlarge to 99xlarge; the nearest known types are \${join(" and ", local.${local("instance_type_nearest")})}.`,
      'Invalid instance_type ${jsonencode(var.node_type)}, engine "redis", redis_version "5.0.6": data tiering (r6gd node types) needs Redis OSS 6.2 or later, or Valkey.',
    ]);
    expect(rg.data_tiering_enabled).toBe(`\${local.${local("data_tiering")}}`);
    // The table is a plain list in the JSON, not an expression.
    expect(json.locals[local("node_types")]).toEqual(expect.arrayContaining(["cache.t3.micro", "cache.r6gd.xlarge"]));
    expect(json.locals[local("instance_type_nearest")]).toContain(`local.${local("node_types")}`);
    expect(Object.keys(json.check)).toEqual([expect.stringMatching(/^cache_instance_type_known_[0-9A-F]{8}$/)]);
  });
});
