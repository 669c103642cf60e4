# An infrastructure-live unit that used the HCL module, switched to the vendored drop-in module.
# Only `source` changed: the inputs, the provider and the state location are the ones it had.
#
# Layout assumed (one git repository):
#   modules/redis/cdk.tf.json                                copied from cdktf.out/stacks/redis/
#   production/eu-west-1/data-stores/redis/terragrunt.hcl    this file

terraform {
  # Was: git::git@github.com:gruntwork-io/terraform-aws-service-catalog.git//modules/data-stores/redis?ref=v0.85.0
  source = "${get_repo_root()}/modules/redis"
}

# The module declares no provider block (it requires hashicorp/aws >= 5.28.0, < 7.0.0): add one.
generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<-EOF
    provider "aws" {
      region = "eu-west-1"

      # Optional: fail early when run against the wrong account.
      allowed_account_ids = ["111122223333"]
    }
  EOF
}

# Nor a backend. Keep the bucket and key the HCL module's state was written to, so the plan
# starts from that state and the module's moved blocks carry it over.
remote_state {
  backend = "s3"
  generate = {
    path      = "backend.tf"
    if_exists = "overwrite_terragrunt"
  }
  config = {
    bucket         = "acme-terraform-state-eu-west-1"
    key            = "production/eu-west-1/data-stores/redis/terraform.tfstate"
    region         = "eu-west-1"
    encrypt        = true
    dynamodb_table = "terraform-locks"
  }
}

# The HCL module's inputs, unchanged. Pass the auth token from the environment
# (TF_VAR_auth_token) rather than writing it here.
inputs = {
  name                      = "orders-prod"
  instance_type             = "cache.r6g.large"
  redis_version             = "7.1"
  replication_group_size    = 2
  enable_automatic_failover = true
  enable_multi_az           = true

  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids = ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"]

  allow_connections_from_security_groups = ["sg-0123456789abcdef0"]
  allow_connections_from_cidr_blocks     = ["10.20.0.0/16"]

  snapshot_window          = "03:00-04:00"
  snapshot_retention_limit = 7
  maintenance_window       = "sun:05:00-sun:06:00"

  alarms_sns_topic_arns       = ["arn:aws:sns:eu-west-1:111122223333:ops-alarms"]
  sns_topic_for_notifications = "arn:aws:sns:eu-west-1:111122223333:ops-events"

  tags = {
    team        = "orders"
    environment = "production"
  }
}
