import type { ElastiCacheRedis } from "./redis";

export interface OutputSpec {
  /** Terraform output name. */
  readonly name: string;
  /** The construct's attribute holding the value. */
  readonly attribute: keyof ElastiCacheRedis;
  readonly description: string;
}

/** The module's 6 outputs, in the HCL module's names. */
export const OUTPUTS: readonly OutputSpec[] = [
  {
    name: "cache_port",
    attribute: "cachePort",
    description: "Port the cache nodes listen on.",
  },
  {
    name: "cache_cluster_ids",
    attribute: "cacheClusterIds",
    description: "Ids of the member cache clusters, one per node (known at plan time).",
  },
  {
    name: "cache_node_id",
    attribute: "cacheNodeId",
    description: 'Id of the node inside each member cache cluster: always "0001".',
  },
  {
    name: "primary_endpoint",
    attribute: "primaryEndpoint",
    description: "Address of the primary endpoint, for writes (cluster mode off).",
  },
  {
    name: "configuration_endpoint",
    attribute: "configurationEndpoint",
    description: "Address of the configuration endpoint, for cluster-aware clients (cluster mode on).",
  },
  {
    name: "reader_endpoint",
    attribute: "readerEndpoint",
    description: "Address of the reader endpoint, spreading reads over the replicas (cluster mode off).",
  },
];
