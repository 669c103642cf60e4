import type { ElastiCacheRedis } from "./redis";

interface OutputSpec {
  /** Terraform output name. */
  readonly name: string;
  /** The construct's attribute holding the value. */
  readonly attribute: keyof ElastiCacheRedis;
  readonly description: string;
}

/** The module's outputs: the HCL module's 6, in its names, security_group_id of later releases, and this module's service discovery. */
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
  {
    name: "security_group_id",
    attribute: "securityGroupId",
    description: "Id of the cluster's security group (an output of later Gruntwork releases, from v0.96.6).",
  },
  {
    name: "service_dns_mappings",
    attribute: "serviceDnsMappings",
    description:
      "Kubernetes ExternalName services for Gruntwork's eks-core-services (its input of this name): <name> for writes, <name>-reader for reads (cluster mode off), each with target_dns (the Route 53 name when created, else the endpoint), target_port and namespace.",
  },
  {
    name: "tls_server_name",
    attribute: "tlsServerName",
    description: "Host name the cluster's TLS certificate is verified against, whatever name clients connect to: the primary endpoint, or the configuration endpoint in cluster mode.",
  },
];
