import { CombinedRule, hasClusterMode, isNull, SHARD_INPUTS, shards, shardsOf } from "./cross-input";
import { hcl, revealOnly } from "../expressions/hcl";
import { INPUTS, InputName, InputSpec } from "../inputs/table";
import { AUTH_TOKEN_DOCUMENTED } from "../inputs/patterns";
import { inTable, NODE_TYPE, nodeType } from "../inputs/node-types";
import { nodeTypeNames } from "../expressions/derivations";
import type { Rule } from "./builders";

/** Redis 2 to 5: past AWS standard support. */
const PAST_STANDARD_SUPPORT = "^[2-5]\\.";

/**
 * An input's expected format as a warning: the value is shown, the rule says what it should be.
 * An input that may be left unset is not warned about while it is.
 */
function formatWarning(input: InputSpec, rule: Rule): CombinedRule {
  const name = input.name as InputName;
  const unset = !input.required && input.default === null;
  return {
    id: `${name}_format`,
    inputs: [name],
    text: `should ${rule.text}; ${input.expectedBecause ?? "AWS rejects any other value at apply (a Terragrunt mock output is fine for a plan)"}`,
    test: (v) => (unset && v[name] == null) || rule.test(v[name]),
    condition: (v) => (unset ? hcl`${v[name]} == null || ${rule.condition(v[name])}` : rule.condition(v[name])),
  };
}

/** Advice, not errors (docs/spec/aws-constraints.md, "Warnings"): cdktf annotations, `check` blocks in the module. */
export const WARNINGS: readonly CombinedRule[] = [
  ...(INPUTS as readonly InputSpec[]).flatMap((input) => (input.expected ?? []).map((rule) => formatWarning(input, rule))),
  {
    id: "redis_version_support",
    inputs: ["redis_version"],
    text: "Redis 5 and older are past AWS standard support (extended support is billed since 2026-02-01); plan an upgrade to Redis 7 or to Valkey, in place (see the README)",
    test: (v) => !new RegExp(PAST_STANDARD_SUPPORT).test(v.redis_version),
    condition: (v) => hcl`!can(regex(${PAST_STANDARD_SUPPORT}, ${v.redis_version}))`,
  },
  {
    id: "instance_type_known",
    inputs: ["instance_type"],
    text: 'not a current node type this module knows (see "Node types" in docs/inputs.md): a type AWS added since works, a previous-generation one keeps running but AWS creates no new cluster of it, and any other fails at apply',
    // A malformed type is refused by its own rule alone.
    test: (v) => nodeType(v.instance_type) === undefined || inTable(v.instance_type),
    condition: (v, derive) =>
      hcl`!can(regex(${`^(?:${NODE_TYPE})$`}, ${v.instance_type})) || contains(${derive(nodeTypeNames)}, ${v.instance_type})`,
  },
  {
    id: "transit_encryption",
    inputs: ["enable_transit_encryption"],
    text: "traffic between clients and nodes is not encrypted",
    test: (v) => v.enable_transit_encryption !== false,
    condition: (v) => hcl`${v.enable_transit_encryption}`,
  },
  {
    id: "at_rest_encryption",
    inputs: ["enable_at_rest_encryption"],
    text: "data on disk and in snapshots is not encrypted",
    test: (v) => v.enable_at_rest_encryption !== false,
    condition: (v) => hcl`${v.enable_at_rest_encryption}`,
  },
  {
    id: "auth_token_missing",
    inputs: ["auth_token", "enable_transit_encryption"],
    text: "without an auth_token any client that reaches the port can use the cache",
    // A literal token is refused before warnings are read, so these tests only see a null token;
    // a token's warnings are check blocks.
    test: (v) => v.auth_token != null || v.enable_transit_encryption === false,
    condition: (v) => hcl`!${isNull(v.auth_token)} || !${v.enable_transit_encryption}`,
  },
  {
    id: "auth_token_characters",
    inputs: ["auth_token"],
    text: "the auth_token has characters AWS does not document (it names letters, digits and ! & # $ ^ < > -)",
    test: (v) => v.auth_token == null || new RegExp(`^${AUTH_TOKEN_DOCUMENTED}$`).test(v.auth_token),
    condition: (v) =>
      hcl`${isNull(v.auth_token)} || ${revealOnly(hcl`can(regex(${`^${AUTH_TOKEN_DOCUMENTED}$`}, ${v.auth_token}))`)}`,
  },
  {
    id: "snapshots_off_with_replicas",
    inputs: ["snapshot_retention_limit", "replication_group_size", "cluster_mode"],
    shownWhenSet: SHARD_INPUTS,
    text: "automatic snapshots are off in a cluster with replicas: a lost shard cannot be restored",
    test: (v) =>
      v.snapshot_retention_limit > 0 ||
      (hasClusterMode(v) ? shardsOf(v)[0].replicas_per_node_group === 0 : v.replication_group_size < 2),
    condition: (v, derive) => {
      const cm = shards(v, derive);
      return hcl`${v.snapshot_retention_limit} > 0 || (length(${cm}) > 0 ? one(${cm}[*].replicas_per_node_group) == 0 : ${v.replication_group_size} < 2)`;
    },
  },
];
