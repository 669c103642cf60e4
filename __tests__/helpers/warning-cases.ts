/**
 * Warnings (docs/spec/aws-constraints.md): inputs over QUIET and the exact warnings they must raise, from
 * the spec. __tests__/unit/warnings.test.ts checks the construct's annotations, __tests__/terraform/warnings.test.ts the
 * module's check blocks at plan: both must say the same.
 */
import { VALID_INPUTS } from "../../tools/scenarios";

export const QUIET = { ...VALID_INPUTS, auth_token: "a-good-token-1234567890" };

export const NO_TOKEN =
  "auth_token (sensitive value), enable_transit_encryption true: without an auth_token any client that reaches the port can use the cache.";

export const MOCK = "; AWS rejects any other value at apply (a Terragrunt mock output is fine for a plan).";

const UNKNOWN_TYPE = (type: string) =>
  `instance_type "${type}": not a current node type this module knows (see "Node types" in docs/inputs.md): a type AWS added since works, a previous-generation one keeps running but AWS creates no new cluster of it, and any other fails at apply.`;

/** Overrides of QUIET, and the warnings they must raise. */
export const CASES: [label: string, overrides: Record<string, unknown>, warnings: string[]][] = [
  ["Redis 7.1, encrypted, a token, snapshots: no warning", {}, []],
  [
    "Redis 5.0.6",
    { redis_version: "5.0.6" },
    [
      'redis_version "5.0.6": Redis 5 and older are past AWS standard support (extended support is billed since 2026-02-01); plan an upgrade to Redis 7 or to Valkey, in place (see the README).',
    ],
  ],
  ["Redis 6.2", { redis_version: "6.2" }, []],
  // instance_type: well formed but not in the table (AWS adds types); known ones raise nothing
  ["a data-tiering node type", { instance_type: "cache.r6gd.xlarge" }, []],
  ["a Graviton4 node type", { instance_type: "cache.r8g.large" }, []],
  ["a family AWS may add", { instance_type: "cache.m9g.large" }, [UNKNOWN_TYPE("cache.m9g.large")]],
  ["a size the family lacks", { instance_type: "cache.r7g.48xlarge" }, [UNKNOWN_TYPE("cache.r7g.48xlarge")]],
  ["a previous-generation node type", { instance_type: "cache.m3.medium" }, [UNKNOWN_TYPE("cache.m3.medium")]],
  ["Valkey 8.0", { engine: "valkey", redis_version: "8.0" }, []],
  ["a KMS key ARN", { kms_key_id: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, []],
  [
    "a KMS key given by alias",
    { kms_key_id: "alias/orders" },
    ['kms_key_id "alias/orders": should be a KMS key ARN (arn:aws:kms:region:account:key/id); the provider takes the key\'s ARN (a Terragrunt mock output is fine for a plan).'],
  ],
  [
    "the later shard form, snapshots off",
    { num_node_groups: 2, replicas_per_node_group: 1, snapshot_retention_limit: 0, auth_token: "a-good-token-1234567890" },
    [
      "snapshot_retention_limit 0, replication_group_size 2, cluster_mode [], num_node_groups 2, replicas_per_node_group 1: automatic snapshots are off in a cluster with replicas: a lost shard cannot be restored.",
    ],
  ],
  [
    "transit encryption off",
    { enable_transit_encryption: false, auth_token: null },
    ["enable_transit_encryption false: traffic between clients and nodes is not encrypted."],
  ],
  [
    "at-rest encryption off",
    { enable_at_rest_encryption: false },
    ['enable_at_rest_encryption false: data on disk and in snapshots is not encrypted.'],
  ],
  ["no auth token", { auth_token: null }, [NO_TOKEN]],
  [
    "a token with undocumented characters",
    { auth_token: "token-with-percent-%-sign" },
    [
      "auth_token (sensitive value): the auth_token has characters AWS does not document (it names letters, digits and ! & # $ ^ < > -).",
    ],
  ],
  [
    "snapshots off with a replica",
    { snapshot_retention_limit: 0 },
    [
      "snapshot_retention_limit 0, replication_group_size 2, cluster_mode []: automatic snapshots are off in a cluster with replicas: a lost shard cannot be restored.",
    ],
  ],
  [
    "snapshots off, one node",
    { snapshot_retention_limit: 0, replication_group_size: 1, enable_automatic_failover: false, enable_multi_az: false },
    [],
  ],
  // 20-22: ids and ARNs that come from other modules' outputs; Terragrunt's mock_outputs fake them
  [
    "vpc_id: a Terragrunt mock",
    { vpc_id: "temporary-dummy-id" },
    [`vpc_id "temporary-dummy-id": should be a VPC id: "vpc-" followed by hexadecimal digits${MOCK}`],
  ],
  [
    "subnet_ids: one not a subnet id",
    { subnet_ids: ["subnet-0a1b", "sub-1"] },
    [`subnet_ids ["subnet-0a1b","sub-1"]: should hold only subnet ids: "subnet-" followed by hexadecimal digits${MOCK}`],
  ],
  [
    "allow_connections_from_security_groups: not hex",
    { allow_connections_from_security_groups: ["sg-0a1b2c3d", "sg-app"] },
    [
      `allow_connections_from_security_groups ["sg-0a1b2c3d","sg-app"]: should hold only security group ids: "sg-" followed by hexadecimal digits${MOCK}`,
    ],
  ],
  [
    "alarms_sns_topic_arns: short account id",
    { alarms_sns_topic_arns: ["arn:aws:sns:eu-west-1:1111:alarms"] },
    [
      `alarms_sns_topic_arns ["arn:aws:sns:eu-west-1:1111:alarms"]: should hold only SNS topic ARNs (arn:aws:sns:region:account:name)${MOCK}`,
    ],
  ],
  [
    "sns_topic_for_notifications: a name",
    { sns_topic_for_notifications: "alarms" },
    [`sns_topic_for_notifications "alarms": should be "" or an SNS topic ARN (arn:aws:sns:region:account:name)${MOCK}`],
  ],
  [
    "snapshots off, shards with replicas",
    { snapshot_retention_limit: 0, cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] },
    [
      'snapshot_retention_limit 0, replication_group_size 2, cluster_mode [{"num_node_groups":2,"replicas_per_node_group":1}]: automatic snapshots are off in a cluster with replicas: a lost shard cannot be restored.',
    ],
  ],
  [
    "snapshots off, shards without replicas",
    { snapshot_retention_limit: 0, cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 0 }] },
    [],
  ],
];

