# Gruntwork's eks-core-services, given the cache's mappings: it makes the ExternalName services
# orders and orders-reader in namespace orders, which pods reach as
# orders.orders.svc.cluster.local and orders-reader.orders.svc.cluster.local.

terraform {
  source = "git::git@github.com:gruntwork-io/terraform-aws-service-catalog.git//modules/services/eks-core-services?ref=v0.85.0"
}

include "root" {
  path = find_in_parent_folders("root.hcl")
}

dependency "redis" {
  config_path = "../../data-stores/redis"

  mock_outputs = {
    service_dns_mappings = {}
  }
}

inputs = {
  # ... the module's other inputs ...
  service_dns_mappings = dependency.redis.outputs.service_dns_mappings
}
