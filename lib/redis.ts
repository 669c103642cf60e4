import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Annotations, TerraformCount, TerraformLocal, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { RedisAlarms } from "./alarms";
import { derive, isKnown } from "./derive";
import { hcl } from "./hcl";
import { withDefaults } from "./inputs";
import type { ElastiCacheRedisProps } from "./props";
import * as naming from "./naming";
import { validateProps } from "./validation";

export interface ElastiCacheRedisOptions {
  /**
   * The props are Terraform variables carrying the inputs' validation blocks, and their stack
   * has the warnings' check blocks (the drop-in module): the construct then adds neither.
   * @default false
   */
  readonly inputsAreValidatedVariables?: boolean;
}

/**
 * Amazon ElastiCache for Redis: a replication group with its subnet group, security group and
 * ingress rules, and CloudWatch alarms on every member node. A one-to-one port of the Gruntwork
 * service-catalog module data-stores/redis v0.85.0.
 *
 * Props may be literals (counts, names and member ids are then computed here and the JSON holds
 * plain values) or Terraform tokens (the same values become Terraform expressions).
 */
export class ElastiCacheRedis extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  readonly subnetGroup: ElasticacheSubnetGroup;
  readonly securityGroup: SecurityGroup;
  readonly cidrBlocksRule: SecurityGroupRule;
  readonly securityGroupsRule: SecurityGroupRule;
  readonly alarms: RedisAlarms;

  /** Port the nodes listen on. */
  readonly cachePort: number;
  /** Member cache cluster ids, one per node; known at plan time. */
  readonly cacheClusterIds: string[];
  /** Node id inside each member cache cluster (always "0001"). */
  readonly cacheNodeId: string;
  /** Primary endpoint address (cluster mode off). */
  readonly primaryEndpoint: string;
  /** Configuration endpoint address (cluster mode on). */
  readonly configurationEndpoint: string;
  /** Reader endpoint address (cluster mode off). */
  readonly readerEndpoint: string;

  constructor(scope: Construct, id: string, props: ElastiCacheRedisProps, options: ElastiCacheRedisOptions = {}) {
    super(scope, id);
    const p = withDefaults(props);
    const validatedVariables = options.inputsAreValidatedVariables ?? false;
    // A failed condition lists the values of what it refers to, and a token given here may come
    // from a source that is not sensitive (a module output, a file): the conditions read it
    // through a local that marks it sensitive, so that only its message is ever printed.
    const checked =
      validatedVariables || isKnown(p.authToken)
        ? p
        : { ...p, authToken: new TerraformLocal(this, "auth_token", hcl`sensitive(${p.authToken})`).asString };
    const checks = validateProps(this.node.path, checked, validatedVariables);
    for (const warning of checks.warnings) Annotations.of(this).addWarning(warning);

    this.subnetGroup = new ElasticacheSubnetGroup(this, "subnet_group", {
      name: naming.subnetGroupName(p.name),
      description: naming.subnetGroupDescription(p.name),
      subnetIds: p.subnetIds,
    });

    this.securityGroup = new SecurityGroup(this, "security_group", {
      name: p.name,
      description: naming.securityGroupDescription(p.name),
      vpcId: p.vpcId,
    });

    const ingress = {
      type: "ingress",
      protocol: "tcp",
      fromPort: p.port,
      toPort: p.port,
      securityGroupId: this.securityGroup.id,
    };
    this.cidrBlocksRule = new SecurityGroupRule(this, "allow_connections_from_cidr_blocks", {
      ...ingress,
      count: TerraformCount.of(derive(naming.cidrRuleCount, p.allowConnectionsFromCidrBlocks)),
      cidrBlocks: p.allowConnectionsFromCidrBlocks,
    });
    const sourceCount = TerraformCount.of(derive(naming.listLength, p.allowConnectionsFromSecurityGroups));
    this.securityGroupsRule = new SecurityGroupRule(this, "allow_connections_from_security_group", {
      ...ingress,
      count: sourceCount,
      sourceSecurityGroupId: Token.asString(hcl`${p.allowConnectionsFromSecurityGroups}[${sourceCount.index}]`),
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, "replication_group", {
      replicationGroupId: p.name,
      description: naming.replicationGroupDescription(p.name),
      engine: "redis",
      engineVersion: p.redisVersion,
      nodeType: p.instanceType,
      port: p.port,
      numCacheClusters: derive(naming.numCacheClusters, p.replicationGroupSize, p.clusterMode),
      numNodeGroups: derive(naming.numNodeGroups, p.clusterMode),
      replicasPerNodeGroup: derive(naming.replicasPerNodeGroup, p.clusterMode),
      parameterGroupName: derive(naming.parameterGroupName, p.parameterGroupName, p.redisVersion, p.clusterMode),
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      automaticFailoverEnabled: p.enableAutomaticFailover,
      multiAzEnabled: p.enableMultiAz,
      // The provider types this argument as a string ("true"/"false") since 5.x.
      atRestEncryptionEnabled:
        typeof p.enableAtRestEncryption === "boolean"
          ? String(p.enableAtRestEncryption)
          : Token.asString(p.enableAtRestEncryption),
      transitEncryptionEnabled: p.enableTransitEncryption,
      authToken: p.authToken,
      snapshotRetentionLimit: p.snapshotRetentionLimit,
      snapshotWindow: derive(naming.snapshotWindow, p.snapshotWindow, p.snapshotRetentionLimit),
      snapshotName: p.snapshotName,
      snapshotArns: derive(naming.snapshotArns, p.snapshotArn),
      maintenanceWindow: p.maintenanceWindow,
      notificationTopicArn: derive(naming.notificationTopicArn, p.snsTopicForNotifications),
      applyImmediately: p.applyImmediately,
      tags: p.tags,
      lifecycle: {
        // The HCL module's description text is not public, so the one its state holds is kept:
        // description is no input, and a first plan after migrating must show moves only.
        ignoreChanges: ["description"],
        ...(checks.preconditions.length > 0 ? { precondition: checks.preconditions } : {}),
      },
    });
    // Warnings on tokens are Terraform check blocks, named after this construct's replication group.
    for (const [id, check] of checks.pendingWarnings) {
      TerraformStack.of(this).addOverride(`check.${this.replicationGroup.friendlyUniqueId}_${id}.assert`, [
        { condition: check.condition, error_message: check.errorMessage },
      ]);
    }

    this.cacheClusterIds = this.memberIds(p.name, p.replicationGroupSize, p.clusterMode);
    this.alarms = new RedisAlarms(this, "alarms", {
      enabled: p.enableCloudwatchAlarms,
      memberIds: this.cacheClusterIds,
      snsTopicArns: p.alarmsSnsTopicArns,
    });

    this.cachePort = this.replicationGroup.port;
    this.cacheNodeId = naming.CACHE_NODE_ID;
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
  }

  /** A plain list when the inputs are literals; otherwise a local, so the long expression is written once. */
  private memberIds(...args: Parameters<typeof naming.memberIds.literal>): string[] {
    const ids = derive(naming.memberIds, ...args);
    return isKnown(ids) ? ids : new TerraformLocal(this, "cache_cluster_ids", ids).asList;
  }
}

