# A production Redis for the orders service: one primary and one replica in another availability
# zone, automatic failover, AUTH over TLS, CloudWatch alarms sent to an SNS topic.
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

variable "alarms_sns_topic_arn" {
  description = "SNS topic that receives the CloudWatch alarms."
  type        = string
}

variable "redis_auth_token" {
  description = "Redis AUTH password (16 to 128 characters); set it with TF_VAR_redis_auth_token, never in a file."
  type        = string
  sensitive   = true
}

module "redis" {
  source = "../../cdktf.out/stacks/redis"

  name          = "orders-cache"
  instance_type = "cache.r6g.large"
  redis_version = "7.1"

  replication_group_size    = 2
  enable_automatic_failover = true
  enable_multi_az           = true
  auth_token                = var.redis_auth_token

  vpc_id                                 = var.vpc_id
  subnet_ids                             = var.private_subnet_ids
  allow_connections_from_cidr_blocks     = ["10.20.0.0/16"] # the office VPN
  allow_connections_from_security_groups = [var.app_security_group_id]

  enable_cloudwatch_alarms = true
  alarms_sns_topic_arns    = [var.alarms_sns_topic_arn]

  tags = {
    team        = "orders"
    environment = "production"
  }
}

output "cache_cluster_ids" {
  description = "Member cache clusters, one per node."
  value       = module.redis.cache_cluster_ids
}

output "cache_node_id" {
  value = module.redis.cache_node_id
}

output "cache_port" {
  value = module.redis.cache_port
}

output "primary_endpoint" {
  description = "Address for writes."
  value       = module.redis.primary_endpoint
}

output "reader_endpoint" {
  description = "Address for reads, spread over the replicas."
  value       = module.redis.reader_endpoint
}
