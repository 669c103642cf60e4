/**
 * Service discovery against real `terraform plan -refresh=false` on the module's own state after
 * apply (the endpoints come from the replication group's state): Route 53 records with cluster mode
 * on and off, the service_dns_mappings and tls_server_name outputs, no change with the feature off,
 * and the review of a renamed record (docs/service-discovery.md).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewPlanJson } from "../../lib/review";
import { headings, renderGfm, textOf } from "../../tools/gfm";
import { hclModuleState, nestedStates, StateResource, TerraformState, writeState } from "../../tools/state";
import { VALID_INPUTS } from "../../tools/scenarios";
import { moduleForTerraform } from "../../tools/synth";
import { callView, init, makeWorkRoot, plan, Plan, prepareCallerDir, removeWorkRoot, started } from "../../tools/terraform";

const REGION = "eu-west-1";
const ZONE = "Z0123456789ABCDEFGHIJ";

const base = (name: string) => ({ ...VALID_INPUTS, name, instance_type: "cache.r6g.large" });
const cluster = { replication_group_size: 1, cluster_mode: [{ num_node_groups: 2, replicas_per_node_group: 1 }] };
const records = (primary: string, reader?: string) => ({
  create_route53_entry: true,
  hosted_zone_id: ZONE,
  primary_domain_name: primary,
  ...(reader ? { reader_domain_name: reader } : {}),
});

const CALLS: Record<string, Record<string, unknown>> = {
  named: { ...base("orders"), ...records("redis.orders.internal", "redis-ro.orders.internal"), kubernetes_service_namespace: "payments" },
  named_cluster: { ...base("carts"), ...cluster, ...records("redis.carts.internal") },
  plain: base("sessions"),
  renamed: { ...base("ledger"), ...records("cache.ledger.internal") },
};

/** Endpoint addresses as tools/state.ts writes them into a group's state. */
const endpoint = (state: TerraformState, attribute: string) =>
  state.resources.find((r) => r.type === "aws_elasticache_replication_group")!.instances[0].attributes[attribute] as string;

/** The primary record as an earlier apply with another name left it (hashicorp/aws 5.100, schema 2). */
function recordInState(name: string, target: string): StateResource {
  return {
    mode: "managed",
    type: "aws_route53_record",
    name: "primary_dns_record",
    each: "list",
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        index_key: 0,
        schema_version: 2,
        attributes: { id: `${ZONE}_${name}_CNAME`, zone_id: ZONE, name, fqdn: name, type: "CNAME", ttl: 300, records: [target], set_identifier: "", health_check_id: "" },
        sensitive_attributes: [],
        dependencies: ["aws_elasticache_replication_group.redis"],
      },
    ],
  };
}

let workRoot: string | undefined;
let planOf: (call: string) => Promise<Plan>;
let whole: Promise<Plan>;
const states: Record<string, TerraformState> = {};

beforeAll(async () => {
  const root = (workRoot = await makeWorkRoot());
  for (const [call, inputs] of Object.entries(CALLS)) states[call] = await hclModuleState(inputs, { addresses: "root", region: REGION });
  // ledger's record was named cache-old.ledger.internal, and its mapping pointed there.
  const ledger = states.renamed;
  const primary = endpoint(ledger, "primary_endpoint_address");
  states.renamed = {
    ...ledger,
    resources: [...ledger.resources, recordInState("cache-old.ledger.internal", primary)],
    outputs: {
      ...ledger.outputs,
      service_dns_mappings: {
        ...ledger.outputs.service_dns_mappings,
        value: {
          ...(ledger.outputs.service_dns_mappings.value as object),
          ledger: { target_dns: "cache-old.ledger.internal", target_port: 6379, namespace: "default" },
        },
      },
    },
  };
  whole = started(
    moduleForTerraform().then(async (text) => {
      const dir = await prepareCallerDir(join(root, "module"), text, { calls: CALLS, region: REGION });
      await writeState(join(dir, "terraform.tfstate"), nestedStates(states));
      await init(dir);
      return plan(dir);
    }),
  );
  planOf = (call) => started(whole.then((p) => callView(p, call)));
  await Promise.allSettled([whole]);
}, 240_000);

afterAll(() => removeWorkRoot(workRoot));

const changed = (p: Plan) =>
  (p.resource_changes ?? []).filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => `${rc.change.actions.join("+")} ${rc.address}`).sort();
const after = (p: Plan, address: string) => (p.resource_changes ?? []).find((rc) => rc.address === address)?.change.after as Record<string, any>;
const output = (p: Plan, name: string) => p.output_changes?.[name]?.after as any;

describe("Route 53 records", () => {
  it("cluster mode off: a CNAME for the primary endpoint and one for the reader endpoint, and nothing else", async () => {
    const p = await planOf("named");
    expect(changed(p)).toEqual(["create aws_route53_record.primary_dns_record[0]", "create aws_route53_record.reader_dns_record[0]"]);
    expect(after(p, "aws_route53_record.primary_dns_record[0]")).toMatchObject({
      zone_id: ZONE,
      name: "redis.orders.internal",
      type: "CNAME",
      ttl: 300,
      records: [endpoint(states.named, "primary_endpoint_address")],
    });
    expect(after(p, "aws_route53_record.reader_dns_record[0]")).toMatchObject({
      name: "redis-ro.orders.internal",
      records: [endpoint(states.named, "reader_endpoint_address")],
    });
  });

  it("cluster mode on: one CNAME, for the configuration endpoint", async () => {
    const p = await planOf("named_cluster");
    expect(changed(p)).toEqual(["create aws_route53_record.primary_dns_record[0]"]);
    expect(after(p, "aws_route53_record.primary_dns_record[0]").records).toEqual([endpoint(states.named_cluster, "configuration_endpoint_address")]);
  });

  it("off: no change at all for a v0.85.0 caller", async () => {
    expect(changed(await planOf("plain"))).toEqual([]);
  });
});

describe("the outputs pods are given", () => {
  it("maps <name> and <name>-reader to the records, in the namespace asked for, with the port", async () => {
    expect(output(await planOf("named"), "service_dns_mappings")).toEqual({
      orders: { target_dns: "redis.orders.internal", target_port: 6379, namespace: "payments" },
      "orders-reader": { target_dns: "redis-ro.orders.internal", target_port: 6379, namespace: "payments" },
    });
  });

  it("in cluster mode, one service for the configuration endpoint's record", async () => {
    expect(output(await planOf("named_cluster"), "service_dns_mappings")).toEqual({
      carts: { target_dns: "redis.carts.internal", target_port: 6379, namespace: "default" },
    });
  });

  it("without records, the endpoints themselves", async () => {
    const p = await planOf("plain");
    const o = p.output_changes?.service_dns_mappings;
    // Unchanged: the state holds the same value.
    expect(o?.actions).toEqual(["no-op"]);
    expect(o?.after).toEqual({
      sessions: { target_dns: endpoint(states.plain, "primary_endpoint_address"), target_port: 6379, namespace: "default" },
      "sessions-reader": { target_dns: endpoint(states.plain, "reader_endpoint_address"), target_port: 6379, namespace: "default" },
    });
  });

  it("names the host the TLS certificate is verified against: the primary endpoint, or the configuration endpoint in cluster mode", async () => {
    expect(output(await planOf("named"), "tls_server_name")).toBe(endpoint(states.named, "primary_endpoint_address"));
    expect(output(await planOf("named_cluster"), "tls_server_name")).toBe(endpoint(states.named_cluster, "configuration_endpoint_address"));
  });
});

describe("the plan review of a renamed record", () => {
  it("names the old and new names and the Kubernetes service's old and new targets, with the connectivity warnings", async () => {
    const p = await planOf("renamed");
    expect(changed(p)).toEqual(["delete+create aws_route53_record.primary_dns_record[0]"]);
    const r = reviewPlanJson(JSON.stringify(p));
    expect(r.review.dnsChanges.map((d) => [d.source, d.kind, d.address])).toEqual([
      ["record", "replace", "aws_route53_record.primary_dns_record[0]"],
      ["mapping", "update", "output.service_dns_mappings"],
    ]);
    const primary = endpoint(states.renamed, "primary_endpoint_address");
    expect(r.markdown).toContain(
      `- The name \`cache-old.ledger.internal\` (\`aws_route53_record.primary_dns_record[0]\`) is replaced by \`cache.ledger.internal\`: \`${primary}\` -> \`${primary}\`. Clients that use the old name resolve nothing once it is deleted.\n`,
    );
    expect(r.markdown).toContain(
      "- The Kubernetes service `ledger` (`output.service_dns_mappings`) points elsewhere: `cache-old.ledger.internal` -> `cache.ledger.internal`. Clients follow once their cached answer expires.\n",
    );
    const html = renderGfm(r.markdown);
    expect(headings(html).map((h) => h.text)[0]).toBe("⚠️ Clients may lose connectivity");
    expect(textOf(html)).toContain("The name cache-old.ledger.internal (aws_route53_record.primary_dns_record[0]) is replaced by cache.ledger.internal");
  });
});
