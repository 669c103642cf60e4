#!/usr/bin/env node
// Benchmark fixture (`npm run bench`): synthesizes one stack holding N ElastiCacheRedis constructs
// (the production environment's props, a distinct name each) from the compiled dist/ into OUTDIR.
// Usage: node tools/bench/clusters.js N OUTDIR
// Prints one JSON line with the in-process phases in ms: load (requires), build (constructs),
// synth (app.synth(), JSON written), and the resource count of the stack.
"use strict";
const start = process.hrtime.bigint();
const path = require("node:path");
const fs = require("node:fs");

const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const [count, outdir] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(count) || count < 1 || !outdir) {
  console.error("usage: node tools/bench/clusters.js N OUTDIR");
  process.exit(2);
}

const dist = path.resolve(__dirname, "..", "..", "dist");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { App, TerraformStack, TerraformVariable } = require("cdktf");
const { ElastiCacheRedis } = require(path.join(dist, "lib", "construct", "redis.js"));
const load = ms(start);

const buildStart = process.hrtime.bigint();
const app = new App({ outdir });
const stack = new TerraformStack(app, "clusters");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
const authToken = new TerraformVariable(stack, "redis_auth_token", { type: "string", sensitive: true });
for (let i = 1; i <= count; i++) {
  new ElastiCacheRedis(stack, `cache-${i}`, {
    name: `orders-${String(i).padStart(3, "0")}`,
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
const build = ms(buildStart);

const synthStart = process.hrtime.bigint();
app.synth();
const synth = ms(synthStart);

const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "clusters", "cdk.tf.json"), "utf8"));
const resources = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
console.log(JSON.stringify({ clusters: count, load, build, synth, resources }));
