import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, LocalBackend, S3Backend, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ElastiCacheRedis } from "./lib/construct/redis";
import { RedisModuleStack } from "./lib/drop-in/module-stack";
import { SnapshotDestinationStack } from "./lib/drop-in/destination-stack";

/**
 * An environment that uses the construct from TypeScript: literal props, its own provider and
 * backend. State is local by default; set REDIS_STATE_BUCKET to keep it in S3 instead.
 */
class ProductionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });

    const bucket = process.env.REDIS_STATE_BUCKET;
    if (bucket) {
      new S3Backend(this, { bucket, key: `${id}/terraform.tfstate`, region: "eu-west-1", encrypt: true });
    } else {
      // Relative to cdktf.out/stacks/<id>, so the state sits in the project folder and the JSON
      // holds no machine-specific path.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }

    // The token never appears in the JSON: it is given at plan time (TF_VAR_redis_auth_token).
    const authToken = new TerraformVariable(this, "redis_auth_token", {
      type: "string",
      sensitive: true,
      description: "Redis AUTH token of the orders cache.",
    });

    new ElastiCacheRedis(this, "orders-cache", {
      name: "orders-prod",
      instanceType: "cache.r6g.large",
      redisVersion: "7.1",
      replicationGroupSize: 2,
      enableAutomaticFailover: true,
      enableMultiAz: true,
      authToken: authToken.stringValue,
      vpcId: "vpc-0a1b2c3d4e5f60718",
      subnetIds: ["subnet-0a1b2c3d4e5f60718", "subnet-18f6e5d4c3b2a1f0e"],
      allowConnectionsFromSecurityGroups: ["sg-0123456789abcdef0"],
      alarmsSnsTopicArns: ["arn:aws:sns:eu-west-1:111122223333:ops-alarms"],
      tags: { team: "orders", environment: "production" },
    });
  }
}

// No stack traces in the manifest's annotations: they hold this machine's paths.
const app = new App({ stackTraces: false });
new RedisModuleStack(app, "redis");
new SnapshotDestinationStack(app, "redis-snapshot-destination");
new ProductionStack(app, "production");
app.synth();
