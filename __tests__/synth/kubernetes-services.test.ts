/**
 * The KubernetesExternalNames construct's JSON: kubernetes_service_v1 resources of type
 * ExternalName, one per mapping of the cache's service_dns_mappings. The kubernetes provider is
 * not in the offline mirror, so Terraform does not plan them here; the shape below is the
 * provider's documented one (metadata and spec blocks, external_name, port).
 */
import { App, TerraformStack, Testing } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ElastiCacheRedis } from "../../lib/construct/redis";
import { KubernetesExternalNames } from "../../lib/construct/kubernetes-services";
import { propsOf } from "../../tools/scenarios";
import { withTempDir } from "../../tools/synth";

const synth = (build: (stack: TerraformStack) => void) =>
  withTempDir((outdir) => {
    const stack = new TerraformStack(new App({ outdir }), "k8s");
    build(stack);
    return JSON.parse(Testing.synth(stack));
  });

describe("Kubernetes ExternalName services for the cache", () => {
  it("makes one service per mapping, named by its key, pointing at its target and port", () => {
    const json = synth((stack) => {
      const cache = new ElastiCacheRedis(
        stack,
        "orders",
        propsOf({
          name: "orders",
          instance_type: "cache.r6g.large",
          replication_group_size: 2,
          enable_automatic_failover: true,
          enable_multi_az: true,
          vpc_id: "vpc-0a1b2c3d",
          subnet_ids: ["subnet-0a1b2c3d"],
          create_route53_entry: true,
          hosted_zone_id: "Z0123456789ABCDEFGHIJ",
          primary_domain_name: "redis.orders.internal",
          reader_domain_name: "redis-ro.orders.internal",
          kubernetes_service_namespace: "payments",
        }),
      );
      new KubernetesExternalNames(stack, "orders-services", { mappings: cache.serviceDnsMappings });
    });
    const [service] = Object.values<any>(json.resource.kubernetes_service_v1);
    // The mappings are literal (the names are inputs), so for_each holds them as written.
    expect(service.for_each).toEqual({
      orders: { namespace: "payments", target_dns: "redis.orders.internal", target_port: 6379 },
      "orders-reader": { namespace: "payments", target_dns: "redis-ro.orders.internal", target_port: 6379 },
    });
    expect(service.metadata).toEqual([{ name: "${each.key}", namespace: "${each.value.namespace}" }]);
    expect(service.spec).toEqual([{ type: "ExternalName", external_name: "${each.value.target_dns}", port: [{ port: "${each.value.target_port}" }] }]);
  });

  it("leaves the kubernetes provider's package to those who use it", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    const all = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.devDependencies };
    expect(Object.keys(all).filter((name) => name.includes("kubernetes"))).toEqual([]);
  });
});
