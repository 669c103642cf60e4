import { ALARMS } from "../construct/alarms";

/** Where a resource of the construct lives in the drop-in module and where the HCL module had it. */
interface ResourceAddress {
  /** Construct id of the resource inside ElastiCacheRedis. */
  readonly id: string;
  readonly type: string;
  /** Resource name, the same at the module root as inside the HCL child module. */
  readonly name: string;
  /**
   * The HCL module's child module that held it: state addresses are `module.<module>.<type>.<name>`.
   * Absent for the resources of features the HCL module never had, which need no `moved` block.
   */
  readonly module?: "redis" | "redis_alarms";
}

export const ADDRESSES: readonly ResourceAddress[] = [
  { id: "replication_group", type: "aws_elasticache_replication_group", name: "redis", module: "redis" },
  { id: "subnet_group", type: "aws_elasticache_subnet_group", name: "redis", module: "redis" },
  { id: "security_group", type: "aws_security_group", name: "redis", module: "redis" },
  {
    id: "allow_connections_from_cidr_blocks",
    type: "aws_security_group_rule",
    name: "allow_connections_from_cidr_blocks",
    module: "redis",
  },
  {
    id: "allow_connections_from_security_group",
    type: "aws_security_group_rule",
    name: "allow_connections_from_security_group",
    module: "redis",
  },
  ...ALARMS.map(
    (alarm): ResourceAddress => ({
      id: alarm.resource,
      type: "aws_cloudwatch_metric_alarm",
      name: alarm.resource,
      module: "redis_alarms",
    }),
  ),
  ...ALARMS.map(
    (alarm): ResourceAddress => ({ id: `${alarm.resource}_all_nodes`, type: "aws_cloudwatch_metric_alarm", name: `${alarm.resource}_all_nodes` }),
  ),
  { id: "auto_scaling_target", type: "aws_appautoscaling_target", name: "redis" },
  { id: "auto_scaling_policy", type: "aws_appautoscaling_policy", name: "redis" },
];

/** The resources that have a state address in the HCL module. */
export const MOVED_ADDRESSES = ADDRESSES.filter((a): a is ResourceAddress & Required<Pick<ResourceAddress, "module">> => a.module !== undefined);

export const address = (a: ResourceAddress) => `${a.type}.${a.name}`;
export const hclModuleAddress = (a: ResourceAddress & Required<Pick<ResourceAddress, "module">>) => `module.${a.module}.${address(a)}`;
