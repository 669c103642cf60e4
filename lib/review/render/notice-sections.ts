/** The notices between the danger and the summary: refusals, connectivity, capacity, refresh, the Valkey upgrade. */
import { code } from "../../text/markdown";
import {
  type CapacityChange,
  type CapacityDimension,
  type ConnectivityRisk,
  COUNT_ARGUMENTS,
  type DnsChange,
  type Engine,
  type EngineChange,
  type EngineVersion,
  type Refusal,
  VALKEY_SOURCE_FLOOR,
} from "../classify";
import { LOG_DELIVERY } from "../logs";
import type { Shown } from "../values";
import { INLINE_TARGETS, MAX_LISTED } from "./limits";
import { capped, shown } from "./values";

/** The name AWS shows (`replication_group_id`), then where the plan has the cluster. */
const clusterName = (c: { readonly clusterId: Shown; readonly address: string }) => `cluster ${shown(c.clusterId)} (${code(c.address)})`;

// ---- connectivity --------------------------------------------------------------------------------

const CONNECTIVITY_HEADING = "## ⚠️ Clients may lose connectivity";

function connectivityLine(r: ConnectivityRisk): string {
  const list = (values: readonly Shown[]) => values.map((v) => shown(v)).join(", ");
  if (r.kind === "delete") {
    return `- ${code(r.address)} is destroyed${r.lost.length > 0 ? `: ${list(r.lost)} can no longer connect` : ""}.`;
  }
  const order = r.deleteFirst ? "the old rule is deleted before the new one exists" : "the new rule is created before the old one is deleted";
  const kept = r.kept.length > 0 ? ` ${list(r.kept)} stay${r.kept.length === 1 ? "s" : ""} allowed but ${r.deleteFirst ? "cannot connect until the new rule exists" : "keep their access"}.` : "";
  const lost = r.lost.length > 0 ? ` ${list(r.lost)} lose${r.lost.length === 1 ? "s" : ""} access.` : "";
  return `- ${code(r.address)} is replaced: ${order}.${kept}${lost}`;
}

function dnsLine(d: DnsChange): string {
  const what = d.source === "record" ? `The name ${shown(d.name)} (${code(d.address)})` : `The Kubernetes service ${shown(d.name)} (${code(d.address)})`;
  if (d.kind === "delete") {
    return `- ${what} is ${d.source === "record" ? "destroyed" : "removed"}: clients that use it no longer reach ${shown(d.before)}.`;
  }
  const target = d.after === undefined ? "" : ` ${shown(d.before)} -> ${shown(d.after)}`;
  if (d.newName !== undefined) return `- ${what} is replaced by ${shown(d.newName)}:${target}. Clients that use the old name resolve nothing once it is deleted.`;
  if (d.kind === "replace") return `- ${what} is replaced:${target}. Clients resolve nothing between the deletion and the creation.`;
  return `- ${what} points elsewhere:${target}. Clients follow once their cached answer expires.`;
}

export function renderConnectivity(risks: readonly ConnectivityRisk[], dnsChanges: readonly DnsChange[] = []): string[] {
  if (risks.length === 0 && dnsChanges.length === 0) return [];
  const fold = (lines: readonly string[], n: number, noun: string) =>
    n <= INLINE_TARGETS ? lines : [`<details><summary>${n} ${noun}</summary>`, "", ...lines, "", "</details>"];
  const rules =
    risks.length === 0
      ? []
      : [
          "Replacing or destroying an ingress rule of the cluster's security group refuses connections from the clients it let in, until the apply has created the rule again (a replacement) or for good (a destroy). Apply when a short refusal is acceptable, or add the new sources before removing the old ones.",
          "",
          ...fold(capped(risks.map(connectivityLine), MAX_LISTED, "ingress rules"), risks.length, "ingress rules"),
          "",
        ];
  const names =
    dnsChanges.length === 0
      ? []
      : [
          "Clients that reach the cache by a name (a Route 53 record, or a Kubernetes ExternalName service made from `service_dns_mappings`) follow these changes: a name destroyed or renamed cuts them off; a target changed sends them elsewhere.",
          "",
          ...fold(capped(dnsChanges.map(dnsLine), MAX_LISTED, "names"), dnsChanges.length, "names"),
          "",
        ];
  return [CONNECTIVITY_HEADING, "", ...rules, ...names];
}

// ---- capacity changes ----------------------------------------------------------------------------

export const CAPACITY_HEADING = "## ⚠️ Capacity changes";

const DIMENSION_WORDS: Readonly<Record<CapacityDimension, string>> = { shards: "shards", replicas: "replicas per shard" };

/** What adding or removing nodes of a dimension does to the cluster, in one sentence. */
function consequence(dimension: CapacityDimension, before: number, after: number): string {
  if (dimension === "shards") {
    return after < before
      ? "No data is lost: AWS first moves the slots of the shards it removes to the remaining ones, and refuses the change when these cannot hold the data."
      : "AWS adds the shards and moves slots to them: more memory, and more nodes to pay for.";
  }
  return after < before
    ? "No data is lost: every shard keeps its primary and its data, and serves reads from fewer replicas."
    : "AWS adds the replicas to every shard: more read capacity, and more nodes to pay for.";
}

/** The range a target allows, in words; a bound only known after apply is not named. */
function rangeWords(c: Extract<CapacityChange, { kind: "range" }>): string {
  const unit = DIMENSION_WORDS[c.dimension];
  if (c.min !== undefined && c.max !== undefined) return `${c.min} to ${c.max} ${unit}`;
  return c.max !== undefined ? `at most ${c.max} ${unit}` : `at least ${c.min} ${unit}`;
}

/** Why the count changes, one sentence for each kind. */
function capacityCause(c: CapacityChange): string {
  const unit = DIMENSION_WORDS[c.dimension];
  switch (c.kind) {
    case "lowered":
      return `this plan lowers ${code(COUNT_ARGUMENTS[c.dimension])} in place.`;
    case "scaling-off":
      return `this plan switches automatic scaling off (it destroys ${code(c.targetAddress)}) and sets the ${unit} back from ${c.before} (AWS's count) to ${c.after} (the inputs').`;
    case "range": {
      const target = c.targetKind === "update" ? `its scalable target ${code(c.targetAddress)} changes to allow` : `the new scalable target ${code(c.targetAddress)} allows`;
      const direction = c.after < c.before ? "in" : "out";
      return `${target} ${rangeWords(c)}, so AWS scales the cluster ${direction} to ${c.after} as soon as the scaling policy exists, right after the apply.`;
    }
  }
}

/**
 * AWS provider 5.x guesses the ids of the shards it removes (provider issue 43884, fixed in
 * 6.31.0), and the ids of shards AWS's scaling added need not be the ones it guesses.
 */
const GUESSED_SHARD_IDS =
  "AWS provider 5.x can fail this change with `InvalidParameterValue: The following node group ids are invalid`: it guesses the ids of the shards to remove (provider issue 43884, fixed in 6.31.0).";

/** The cluster, the count before -> after, why it changes and what follows; a switch-off adds how to keep AWS's count. */
function capacityLine(c: CapacityChange): string {
  const parts = [capacityCause(c), consequence(c.dimension, c.before, c.after)];
  if (c.kind === "scaling-off") {
    if (c.dimension === "shards" && c.after < c.before) parts.push(GUESSED_SHARD_IDS);
    parts.push(`To keep ${c.before}, set ${code(COUNT_ARGUMENTS[c.dimension])} to ${c.before} in the inputs before applying.`);
  }
  return `- The ${clusterName(c)}, ${DIMENSION_WORDS[c.dimension]} ${c.before} -> ${c.after}: ${parts.join(" ")}`;
}

export function renderCapacity(changes: readonly CapacityChange[]): string[] {
  if (changes.length === 0) return [];
  const lines = capped(changes.map(capacityLine), MAX_LISTED, "capacity changes");
  return [
    CAPACITY_HEADING,
    "",
    "These changes add or remove nodes of a cluster. None loses data, but the counts decide the cluster's memory (shards), its read capacity (replicas) and its cost: check that each is the one you mean.",
    "",
    ...(changes.length <= INLINE_TARGETS
      ? lines
      : [`<details><summary>${changes.length} capacity changes</summary>`, "", ...lines, "", "</details>"]),
    "",
  ];
}

// ---- unrefreshed state ---------------------------------------------------------------------------

export const UNREFRESHED_HEADING = "## ⚠️ Plan again with refresh before applying";

export function renderUnrefreshed(addresses: readonly string[]): string[] {
  if (addresses.length === 0) return [];
  return [
    UNREFRESHED_HEADING,
    "",
    `${addresses.map((a) => code(a)).join(", ")} ${addresses.length > 1 ? "have" : "has"} node or shard counts that go from null to a value. ` +
      "That is the mark of state written by AWS provider 3.x (the HCL module's) and planned with `-refresh=false`: " +
      "the provider upgrade dropped the 3.x attribute names, and only a refresh reads the counts back from AWS.",
    "",
    "Do not apply this plan: it would send modify calls for values that did not change. " +
      "Run `terraform plan` again with refresh (the default) and review that plan; it should show moves only.",
    "",
  ];
}

// ---- engine changes ------------------------------------------------------------------------------

export const REFUSED_HEADING = "## ❌ AWS will refuse this apply";
export const IRREVERSIBLE_HEADING = "## ⚠️ Irreversible: Redis OSS to Valkey";

const ENGINE_NAMES: Readonly<Record<Engine, string>> = { redis: "Redis OSS", valkey: "Valkey" };

const engineVersion = (e: EngineVersion) => `${ENGINE_NAMES[e.engine]} ${shown(e.version)}`;

/** `apply_immediately` as the apply sends it; null is unset, which the provider sends as false. */
const applyImmediately = (value: Shown) => (value.kind === "value" && value.text === "null" ? "unset" : shown(value));

/** What AWS rejects and what to do instead, for each kind of refusal. */
function refusalText(r: Refusal): string {
  switch (r.kind) {
    case "source-version":
      return (
        `Valkey needs a Redis OSS source at ${VALKEY_SOURCE_FLOOR} or later, and this cluster runs ${engineVersion(r.engineChange.before)}. ` +
        `Upgrade it to Redis OSS ${VALKEY_SOURCE_FLOOR} or later in a plan of its own first, then change the engine.`
      );
    case "no-way-back":
      return `ElastiCache has no way back from Valkey to Redis OSS, and this plan changes the cluster from ${engineVersion(r.engineChange.before)} to ${engineVersion(r.engineChange.after)}. Keep \`engine = "valkey"\`.`;
    case "log-delivery-with-engine":
      return (
        `This plan changes ${code(LOG_DELIVERY)} in the same apply as the engine, from ${engineVersion(r.engineChange.before)} to ${engineVersion(r.engineChange.after)}. ` +
        "The AWS provider sends both in one modification, and AWS checks the log delivery against the engine the cluster still runs " +
        "(adding the slow log fails with `InvalidParameterValue: slow-log log delivery is not available for this redis engine version`). " +
        `Apply the engine upgrade first, with ${code(LOG_DELIVERY)} as it is now, then change log delivery in a second plan.`
      );
    case "log-delivery-deferred":
      return (
        `This plan changes ${code(LOG_DELIVERY)} with \`apply_immediately\` ${applyImmediately(r.applyImmediately)}, and AWS changes log delivery only when the change is applied immediately ` +
        "(`InvalidParameterValue: To modify the log delivery configuration, set the apply-immediately parameter to true`). " +
        "Set `apply_immediately = true` for the apply that changes log delivery: the other changes of the cluster in that apply are then made at once too, not in the next maintenance window."
      );
  }
}

export function renderRefusals(refusals: readonly Refusal[]): string[] {
  if (refusals.length === 0) return [];
  return [
    REFUSED_HEADING,
    "",
    "> [!WARNING]",
    "> This plan cannot be applied as it is: AWS rejects the change below, and the apply stops there with an error, possibly after other changes of the plan were made. Change the configuration and plan again.",
    "",
    ...refusals.map((r) => `- The ${clusterName(r)}: ${refusalText(r)}`),
    "",
  ];
}

export function renderIrreversible(changes: readonly EngineChange[]): string[] {
  const accepted = changes.filter((e) => e.refusal === undefined);
  if (accepted.length === 0) return [];
  return [
    IRREVERSIBLE_HEADING,
    "",
    ...accepted.map((e) => `- The ${clusterName(e)} changes in place from ${engineVersion(e.before)} to ${engineVersion(e.after)}.`),
    "",
    "ElastiCache has no way back from Valkey to Redis OSS: once this is applied, the cluster stays on Valkey. " +
      "Setting `engine` back to `\"redis\"` later replaces the cluster, with the loss of its data and endpoints.",
    "",
  ];
}