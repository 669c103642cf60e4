# A sharded Redis (cluster mode on) for user sessions: 2 shards, each a primary and one replica,
# with its own backup and maintenance windows and replication-group events sent to SNS.
#
# The module is the one `npm run synth` writes to cdktf.out/stacks/redis; run that first.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.28.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "AWS region to create the cluster in."
  type        = string
  default     = "eu-west-1"
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the cache nodes, in at least two availability zones."
  type        = list(string)
}

variable "app_security_group_id" {
  description = "Security group of the application servers that connect to Redis."
  type        = string
}

variable "ops_sns_topic_arn" {
  description = "SNS topic that receives the CloudWatch alarms and the cluster's events."
  type        = string
}

module "redis" {
  source = "../../cdktf.out/stacks/redis"

  name          = "sessions-cache"
  instance_type = "cache.r6g.large"
  redis_version = "6.2"

  cluster_mode = [{
    num_node_groups         = 2
    replicas_per_node_group = 1
  }]
  replication_group_size    = 1    # required by the interface, ignored in cluster mode
  enable_automatic_failover = true # cluster mode requires it
  enable_multi_az           = true

  snapshot_window          = "03:00-04:00"
  snapshot_retention_limit = 7
  maintenance_window       = "sun:04:30-sun:05:30"

  vpc_id                                 = var.vpc_id
  subnet_ids                             = var.private_subnet_ids
  allow_connections_from_security_groups = [var.app_security_group_id]

  alarms_sns_topic_arns       = [var.ops_sns_topic_arn]
  sns_topic_for_notifications = var.ops_sns_topic_arn

  tags = {
    team = "identity"
  }
}

output "cache_cluster_ids" {
  description = "Member cache clusters: <name>-<shard>-<node>."
  value       = module.redis.cache_cluster_ids
}

output "cache_port" {
  value = module.redis.cache_port
}

output "configuration_endpoint" {
  description = "Address cluster-aware clients connect to."
  value       = module.redis.configuration_endpoint
}
