import type { ElastiCacheRedis } from "./redis";

export interface OutputSpec {
  /** Terraform output name. */
  readonly name: string;
  readonly description: string;
  readonly value: (redis: ElastiCacheRedis) => unknown;
}

/** The module's 6 outputs, in the HCL module's names. */
export const OUTPUTS: readonly OutputSpec[] = [
  {
    name: "cache_port",
    description: "Port the cache nodes listen on.",
    value: (redis) => redis.cachePort,
  },
  {
    name: "cache_cluster_ids",
    description: "Ids of the member cache clusters, one per node (known at plan time).",
    value: (redis) => redis.cacheClusterIds,
  },
  {
    name: "cache_node_id",
    description: 'Id of the node inside each member cache cluster: always "0001".',
    value: (redis) => redis.cacheNodeId,
  },
  {
    name: "primary_endpoint",
    description: "Address of the primary endpoint, for writes (cluster mode off).",
    value: (redis) => redis.primaryEndpoint,
  },
  {
    name: "configuration_endpoint",
    description: "Address of the configuration endpoint, for cluster-aware clients (cluster mode on).",
    value: (redis) => redis.configurationEndpoint,
  },
  {
    name: "reader_endpoint",
    description: "Address of the reader endpoint, spreading reads over the replicas (cluster mode off).",
    value: (redis) => redis.readerEndpoint,
  },
];
