/**
 * What service discovery derives (docs/service-discovery.md): the endpoint writers use, and the
 * mappings of Kubernetes Service names to the names clients resolve. Each is a TypeScript function
 * paired with the Terraform expression of the same.
 */
import type { IResolvable } from "cdktf";
import { type Derivation, hasKnownLength, isKnown } from "./derive";
import { hcl } from "./hcl";

/** One Kubernetes ExternalName service, as Gruntwork's eks-core-services takes it. */
export interface ServiceDnsMapping {
  readonly target_dns: string;
  readonly target_port: number;
  readonly namespace: string;
}

type Shards = readonly unknown[] | IResolvable;

/** The endpoint writers (and cluster-aware clients) use: the configuration endpoint in cluster mode, else the primary. */
export const writerEndpoint: Derivation<[shards: Shards, primary: string, configuration: string], string> = {
  kind: "string",
  local: "writer_endpoint",
  known: (shards) => isKnown(shards),
  literal: (shards, primary, configuration) => ((shards as readonly unknown[]).length > 0 ? configuration : primary),
  expression: (shards, primary, configuration) => hcl`length(${shards}) > 0 ? ${configuration} : ${primary}`,
};

export interface TargetInputs {
  readonly name: string;
  readonly shards: Shards;
  /** The records' switch, and their names: the names clients resolve when the records exist. */
  readonly records: boolean | IResolvable;
  readonly primaryName: string | undefined;
  readonly readerName: string | undefined;
  readonly writer: string;
  readonly reader: string;
}

/**
 * [Service name, target] pairs: `<name>` for the writer endpoint, and `<name>-reader` for the
 * reader endpoint when cluster mode is off; each the stable record name when the records exist.
 */
export const serviceTargets: Derivation<[t: TargetInputs], [string, string][]> = {
  kind: "any",
  local: "service_dns_targets",
  // The endpoints are always the group's attributes: a literal list may hold their tokens.
  known: (t) => [t.name, t.shards, t.records, t.primaryName, t.readerName].every(isKnown),
  literal: (t) => {
    const writer: [string, string] = [t.name, t.records === true && t.primaryName ? t.primaryName : t.writer];
    if ((t.shards as readonly unknown[]).length > 0) return [writer];
    return [writer, [`${t.name}-reader`, t.records === true && t.readerName ? t.readerName : t.reader]];
  },
  expression: (t) => {
    const named = (name: string | undefined, endpoint: string) => hcl`${t.records} && ${name ?? null} != null ? ${name ?? null} : ${endpoint}`;
    // A list of pairs: a conditional between objects of different keys is a type error.
    return hcl`concat([[${t.name}, ${named(t.primaryName, t.writer)}]], length(${t.shards}) > 0 ? [] : [[format("%s-reader", ${t.name}), ${named(t.readerName, t.reader)}]])`;
  },
};

/** The mappings eks-core-services takes: each service's target, port and namespace. */
export const serviceDnsMappings: Derivation<[targets: [string, string][], port: number, namespace: string], Record<string, ServiceDnsMapping>> = {
  kind: "any",
  known: (targets, port, namespace) => hasKnownLength(targets) && isKnown(port) && isKnown(namespace),
  literal: (targets, port, namespace) =>
    Object.fromEntries(targets.map(([service, target]) => [service, { target_dns: target, target_port: port, namespace }])),
  expression: (targets, port, namespace) => hcl`{ for pair in ${targets} : pair[0] => { target_dns = pair[1], target_port = ${port}, namespace = ${namespace} } }`,
};

/** Whether the cluster has a reader endpoint: cluster mode off. */
export const hasReaderEndpoint: Derivation<[shards: Shards], boolean | IResolvable> = {
  kind: "any",
  literal: (shards) => (shards as readonly unknown[]).length === 0,
  expression: (shards) => hcl`length(${shards}) == 0`,
};
