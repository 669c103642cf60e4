# The cache, with Route 53 names and the mappings Kubernetes services are made from
# (docs/service-discovery.md). Layout assumed:
#   live/prod/eu-west-1/data-stores/redis/terragrunt.hcl        this file
#   live/prod/eu-west-1/services/eks-core-services/terragrunt.hcl  ../eks-core-services/terragrunt.hcl

terraform {
  source = "git::https://git.example.com/acme/redis-cdktf.git//module?ref=v1.0.0"
}

include "root" {
  path = find_in_parent_folders("root.hcl")
}

dependency "zone" {
  config_path = "../../networking/private-zone"

  mock_outputs = {
    zone_id = "Z0000000000000000000"
  }
}

inputs = {
  name                      = "orders"
  instance_type             = "cache.r6g.large"
  redis_version             = "7.1"
  replication_group_size    = 2
  enable_automatic_failover = true
  enable_multi_az           = true
  enable_transit_encryption = true
  vpc_id                    = "vpc-0a1b2c3d4e5f60718"
  subnet_ids                = ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"]

  create_route53_entry         = true
  hosted_zone_id               = dependency.zone.outputs.zone_id
  primary_domain_name          = "redis.orders.internal"
  reader_domain_name           = "redis-ro.orders.internal"
  kubernetes_service_namespace = "orders"
}
