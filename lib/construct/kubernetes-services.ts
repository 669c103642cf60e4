/**
 * Kubernetes ExternalName services for the cache's names (docs/service-discovery.md), for
 * TypeScript users who run Kubernetes from the same cdktf app. Declared as plain
 * `kubernetes_service_v1` resources, without the kubernetes provider's bindings, so that nobody who
 * does not use them depends on that package: the stack that holds them configures the kubernetes
 * provider (hashicorp/kubernetes), as it would for its other Kubernetes resources.
 */
import { TerraformIterator, TerraformProvider, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { ServiceDnsMapping } from "../expressions/service-discovery";

export interface KubernetesExternalNamesProps {
  /** Service name -> target: an ElastiCacheRedis's `serviceDnsMappings`. */
  readonly mappings: Record<string, ServiceDnsMapping>;
  /** The kubernetes provider to use, when the stack has several. */
  readonly provider?: TerraformProvider;
}

/** One ExternalName service per mapping, named by its key: pods reach `<key>.<namespace>.svc.cluster.local`. */
export class KubernetesExternalNames extends Construct {
  readonly services: TerraformResource;

  constructor(scope: Construct, id: string, props: KubernetesExternalNamesProps) {
    super(scope, id);
    const each = TerraformIterator.fromMap(props.mappings);
    this.services = new TerraformResource(this, "services", {
      terraformResourceType: "kubernetes_service_v1",
      terraformGeneratorMetadata: { providerName: "kubernetes" },
      provider: props.provider,
      forEach: each,
    });
    this.services.addOverride("metadata", [{ name: each.key, namespace: each.getString("namespace") }]);
    this.services.addOverride("spec", [
      {
        type: "ExternalName",
        external_name: each.getString("target_dns"),
        port: [{ port: each.getNumber("target_port") }],
      },
    ]);
  }
}
