import {
  ElasticacheReplicationGroup,
  ElasticacheReplicationGroupLogDeliveryConfiguration,
} from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Annotations, IResolvable, TerraformCount, TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { ALARMS } from "./alarms";
import { addConditions } from "../rules/conditions";
import { bothOn, deriveIn, isKnown } from "../expressions/derive";
import * as derived from "../expressions/derivations";
import { hcl } from "../expressions/hcl";
import { inputValues, TerraformInputs } from "../inputs/values";
import { checkLiterals } from "../rules/literal-checks";
import type { ElastiCacheRedisProps } from "../inputs/props";
import { GroupAlarms } from "./group-alarms";
import { RedisAlarms } from "./redis-alarms";
import { RedisAutoScaling } from "./auto-scaling";
import { SnapshotExport } from "./snapshot-export";
import { ServiceDiscovery } from "./service-discovery";
import * as discovery from "../expressions/service-discovery";
import * as exporting from "../expressions/snapshot-export";
import * as scaling from "../expressions/auto-scaling";

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
  /** The four alarms of every member node; none while automatic scaling is on. */
  readonly alarms: RedisAlarms;
  /** The same four alarms over every node of the group, those AWS adds included; only while automatic scaling may be on. */
  readonly groupAlarms?: GroupAlarms;
  /** The scheduled export of snapshots to another account; absent when sharing is off (a literal false). */
  readonly snapshotExport?: SnapshotExport;
  /** The scalable target and its policy; absent when automatic scaling is off (a literal false). */
  readonly autoScaling?: RedisAutoScaling;

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
  /** Id of the cluster's security group (later Gruntwork releases' output). */
  readonly securityGroupId: string;
  /** The host name the server's TLS certificate names: the endpoint writers use (docs/service-discovery.md). */
  readonly tlsServerName: string;
  /** Kubernetes Service name -> { target_dns, target_port, namespace }, for eks-core-services' service_dns_mappings. */
  readonly serviceDnsMappings: Record<string, discovery.ServiceDnsMapping>;
  /** The Route 53 records; absent when create_route53_entry is a literal false. */
  readonly serviceDiscovery?: ServiceDiscovery;

  /**
   * @param props camelCase props, or the inputs by their Terraform names (`TerraformInputs`), as
   * the drop-in module's variables give them.
   * @throws InvalidInputsError listing every rule that literal props break.
   */
  constructor(scope: Construct, id: string, props: ElastiCacheRedisProps | TerraformInputs) {
    super(scope, id);
    const p = inputValues(props);
    for (const warning of checkLiterals(this.node.path, p)) Annotations.of(this).addWarning(warning);
    const derive = deriveIn(this);

    this.subnetGroup = new ElasticacheSubnetGroup(this, "subnet_group", {
      name: derived.subnetGroupName(p.name),
      description: derived.subnetGroupDescription(p.name),
      subnetIds: p.subnet_ids,
    });

    this.securityGroup = new SecurityGroup(this, "security_group", {
      name: p.name,
      description: derived.securityGroupDescription(p.name),
      vpcId: p.vpc_id,
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
      count: TerraformCount.of(derive(derived.cidrRuleCount, p.allow_connections_from_cidr_blocks)),
      cidrBlocks: p.allow_connections_from_cidr_blocks,
    });
    const sourceCount = TerraformCount.of(derive(derived.listLength, p.allow_connections_from_security_groups));
    this.securityGroupsRule = new SecurityGroupRule(this, "allow_connections_from_security_group", {
      ...ingress,
      count: sourceCount,
      sourceSecurityGroupId: Token.asString(hcl`${p.allow_connections_from_security_groups}[${sourceCount.index}]`),
    });

    const shards = derive(derived.clusterMode, p.cluster_mode, p.num_node_groups, p.replicas_per_node_group);
    // A count automatic scaling may change: sent as given, and left to AWS afterwards (see unlessScaled).
    const ownCount = (count: number | undefined, scaled: string) =>
      isKnown(p.enable_auto_scaling) ? count : derive(scaling.unlessScaled, count, p.enable_auto_scaling, p.auto_scale_dimension, scaled);
    const family = derive(derived.parameterGroupFamily, p.engine, p.redis_version);
    this.replicationGroup = new ElasticacheReplicationGroup(this, "replication_group", {
      replicationGroupId: p.name,
      description: derived.replicationGroupDescription(p.name),
      engine: p.engine,
      engineVersion: p.redis_version,
      nodeType: p.instance_type,
      dataTieringEnabled: derive(derived.dataTieringEnabled, p.instance_type),
      port: p.port,
      numCacheClusters: derive(derived.numCacheClusters, p.replication_group_size, shards),
      numNodeGroups: ownCount(derive(derived.numNodeGroups, shards), scaling.SHARDS),
      replicasPerNodeGroup: ownCount(derive(derived.replicasPerNodeGroup, shards), scaling.REPLICAS),
      parameterGroupName: derive(derived.parameterGroupName, p.parameter_group_name, family, shards),
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      automaticFailoverEnabled: p.enable_automatic_failover,
      multiAzEnabled: p.enable_multi_az,
      atRestEncryptionEnabled: providerString(p.enable_at_rest_encryption),
      kmsKeyId: p.kms_key_id,
      transitEncryptionEnabled: p.enable_transit_encryption,
      authToken: p.auth_token,
      authTokenUpdateStrategy: derive(derived.authTokenUpdateStrategy, p.auth_token),
      autoMinorVersionUpgrade: providerString(p.auto_minor_version_upgrade),
      logDeliveryConfiguration: logDeliveryBlocks(
        derive(derived.logDeliveries, p.engine_log_delivery_configuration, p.slow_log_delivery_configuration),
      ),
      snapshotRetentionLimit: p.snapshot_retention_limit,
      snapshotWindow: derive(derived.snapshotWindow, p.snapshot_window, p.snapshot_retention_limit),
      snapshotName: p.snapshot_name,
      snapshotArns: derive(derived.snapshotArns, p.snapshot_arn),
      maintenanceWindow: p.maintenance_window,
      notificationTopicArn: derive(derived.notificationTopicArn, p.sns_topic_for_notifications),
      applyImmediately: p.apply_immediately,
      tags: derive(scaling.groupTags, p.tags, p.enable_auto_scaling, p.name),
      lifecycle: {
        // The HCL module's description text is not public, so the one its state holds is kept:
        // description is no input, and a first plan after migrating must show moves only.
        ignoreChanges: ["description", ...countsLeftToAws(p.enable_auto_scaling, p.auto_scale_dimension)],
      },
    });
    addConditions(this, this.replicationGroup, p);
    if (p.enable_auto_scaling !== false) {
      const start = derive(scaling.scaledCount, p.auto_scale_dimension, shards);
      this.autoScaling = new RedisAutoScaling(this, "auto_scaling", {
        enabled: p.enable_auto_scaling,
        replicationGroupId: this.replicationGroup.id,
        dimension: p.auto_scale_dimension,
        // Terraform requires both even for a count of 0. A literal switch that is on has thrown
        // unless they exist; with a token switch that is on, the preconditions stop the plan.
        minCapacity: derive(scaling.minCapacity, p.auto_scale_min_capacity, start) ?? 0,
        maxCapacity: p.auto_scale_max_capacity ?? 0,
        metric: derive(scaling.triggerMetric, p.auto_scale_trigger_metric, p.auto_scale_dimension),
        targetValue: p.auto_scale_trigger_metric_target_value,
        disableScaleIn: p.auto_scale_disable_scale_in,
        scaleInCooldown: p.auto_scale_scale_in_cooldown,
        scaleOutCooldown: p.auto_scale_scale_out_cooldown,
      });
    }
    this.cacheClusterIds = derive(derived.memberIds, p.name, p.replication_group_size, shards);
    const alarmInputs = {
      snsTopicArns: p.alarms_sns_topic_arns,
      lowMemoryThreshold: p.alarm_low_memory_available_threshold,
      treatMissingData: Object.fromEntries(
        ALARMS.map((alarm) => [
          alarm.resource,
          derive(derived.treatMissingData, "ownTreatMissingData" in alarm ? p[alarm.ownTreatMissingData] : undefined, p.alarm_treat_missing_data),
        ]),
      ),
    };
    this.alarms = new RedisAlarms(this, "alarms", {
      ...alarmInputs,
      enabled: derive(scaling.nodeAlarmsOn, p.enable_cloudwatch_alarms, p.enable_auto_scaling),
      memberIds: this.cacheClusterIds,
    });
    const groupAlarmsOn = derive(scaling.groupAlarmsOn, p.enable_cloudwatch_alarms, p.enable_auto_scaling);
    if (groupAlarmsOn !== false) {
      this.groupAlarms = new GroupAlarms(this, "group_alarms", { ...alarmInputs, enabled: groupAlarmsOn, groupName: p.name });
    }
    if (p.share_snapshot_with_another_account !== false) {
      const region = derive(exporting.regionOf, this.replicationGroup.arn);
      const account = derive(exporting.accountOf, this.replicationGroup.arn);
      this.snapshotExport = new SnapshotExport(this, "snapshot_export", {
        enabled: p.share_snapshot_with_another_account,
        alarmEnabled: derive(bothOn, p.share_snapshot_with_another_account, p.enable_share_snapshot_cloudwatch_alarms),
        groupName: p.name,
        partition: derive(exporting.partitionOf, this.replicationGroup.arn),
        region,
        account,
        bucketName: derive(exporting.exportBucketName, p.name, account, region),
        // Unset only while a token switch may be off; the rules stop a plan that turns it on.
        accountId: p.share_snapshot_with_account_id ?? unset,
        destinationBucketArn: p.share_snapshot_destination_bucket_arn ?? unset,
        schedule: p.share_snapshot_schedule_expression,
        maxSnapshots: p.share_snapshot_max_snapshots,
        takeSnapshots: derive(exporting.takeOwnSnapshots, p.snapshot_retention_limit),
        alarmPeriod: p.backup_job_alarm_period,
        snsTopicArns: p.alarms_sns_topic_arns,
        group: this.replicationGroup,
      });
    }

    this.cachePort = this.replicationGroup.port;
    this.cacheNodeId = derived.CACHE_NODE_ID;
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
    this.securityGroupId = this.securityGroup.id;

    const writer = derive(discovery.writerEndpoint, shards, this.primaryEndpoint, this.configurationEndpoint);
    this.tlsServerName = writer;
    if (p.create_route53_entry !== false) {
      this.serviceDiscovery = new ServiceDiscovery(this, "service_discovery", {
        enabled: p.create_route53_entry,
        // Unset only while a token switch may be off; the rules stop a plan that turns it on.
        zoneId: p.hosted_zone_id ?? unset,
        ttl: p.route53_record_ttl,
        primaryName: p.primary_domain_name ?? unset,
        writer,
        readerName: p.reader_domain_name,
        reader: this.readerEndpoint,
        hasReader: derive(discovery.hasReaderEndpoint, shards),
      });
    }
    const targets = derive(discovery.serviceTargets, {
      name: p.name,
      shards,
      records: p.create_route53_entry,
      primaryName: p.primary_domain_name,
      readerName: p.reader_domain_name,
      writer,
      reader: this.readerEndpoint,
    });
    this.serviceDnsMappings = derive(discovery.serviceDnsMappings, targets, p.port, p.kubernetes_service_namespace);
  }
}

/**
 * The counts Terraform leaves to AWS once created, when automatic scaling is switched on by a
 * literal: the scaled one, or both while the dimension is a token.
 */
function countsLeftToAws(enabled: boolean | IResolvable, dimension: string): string[] {
  if (enabled !== true) return [];
  const counts = { [scaling.SHARDS]: "num_node_groups", [scaling.REPLICAS]: "replicas_per_node_group" };
  return isKnown(dimension) ? [counts[dimension as keyof typeof counts]] : Object.values(counts);
}

/** An optional input left unset, where a switch that is a token may still turn its resource on: null in Terraform. */
const unset = Token.asString(Token.nullValue());

/** A bool input for an argument the provider types as a string ("true"/"false"); unset stays unset. */
function providerString(value: boolean | IResolvable | undefined): string | undefined {
  if (value === undefined || typeof value === "boolean") return value === undefined ? undefined : String(value);
  return Token.asString(value);
}

/** Static blocks for literal configurations (none: no argument); a dynamic block over the list when it is a token. */
function logDeliveryBlocks(
  deliveries: derived.LogDelivery[],
): ElasticacheReplicationGroupLogDeliveryConfiguration[] | IResolvable | undefined {
  if (!Token.isUnresolved(deliveries)) {
    if (deliveries.length === 0) return undefined;
    return deliveries.map((d) => ({
      destination: d.destination,
      destinationType: d.destination_type,
      logFormat: d.log_format,
      logType: d.log_type,
    }));
  }
  const each = TerraformIterator.fromList(Token.asAny(deliveries));
  return each.dynamic({
    destination: each.getString("destination"),
    destination_type: each.getString("destination_type"),
    log_format: each.getString("log_format"),
    log_type: each.getString("log_type"),
  });
}
