/**
 * The ElastiCache node types this module knows: one entry per family of the current generations for
 * Valkey and Redis OSS, with its sizes and what AWS lets a cluster of that family do. The
 * instance_type rules, data tiering and automatic scaling all read this table, and the reference
 * (docs/inputs.md) lists it.
 *
 * Sources, all in the ElastiCache user guide (docs.aws.amazon.com/AmazonElastiCache/latest/):
 * - dg/CacheNodes.SupportedTypes.html, "Current Generation (Valkey or Redis OSS)": the families t2
 *   to c7gn and their sizes. AWS is moving t2 to the previous generation (no new clusters); it stays
 *   here because clusters of it still run, and v0.85.0 callers may name it.
 * - dg/ParameterGroups.Engine.html, "Valkey node-type specific parameters": m8g, r8g and c8gn. That
 *   page lists them for Valkey and not in its Redis OSS table.
 * - red-ug/AutoScaling.html, "Prerequisites": the families Application Auto Scaling supports, in
 *   sizes large, xlarge and 2xlarge only.
 * - red-ug/data-tiering.html: the r6gd family tiers data between memory and local SSD.
 *
 * Previous-generation families (t1, m1, m2, m3, c1, r3) are left out: AWS creates no new clusters
 * of them, so naming one earns the unknown-type warning.
 */

interface NodeFamily {
  readonly family: string;
  /** Smallest first: where two names are as near a typo, the smaller size is named first. */
  readonly sizes: readonly string[];
  /** Application Auto Scaling can change this family's shards and replicas (in AUTO_SCALING_SIZES). */
  readonly autoScaling: boolean;
  /** Values are tiered to local SSD: the provider must send data_tiering_enabled = true. */
  readonly dataTiering: boolean;
}

const SMALL = ["micro", "small", "medium"];
const GRAVITON = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const INTEL = ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"];

const family = (name: string, sizes: readonly string[], autoScaling = false, dataTiering = false): NodeFamily => ({
  family: name,
  sizes,
  autoScaling,
  dataTiering,
});

/** In the order the nearest-type search breaks ties: burstable, general purpose, memory, network. */
export const NODE_FAMILIES: readonly NodeFamily[] = [
  family("t2", SMALL),
  family("t3", SMALL),
  family("t4g", SMALL),
  family("m4", ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"]),
  family("m5", INTEL, true),
  family("m6g", GRAVITON, true),
  family("m7g", GRAVITON, true),
  family("m8g", GRAVITON),
  family("r4", ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"]),
  family("r5", INTEL, true),
  family("r6g", GRAVITON, true),
  family("r6gd", ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"], true, true),
  family("r7g", GRAVITON, true),
  family("r8g", GRAVITON),
  family("c7gn", GRAVITON, true),
  family("c8gn", GRAVITON),
];

/** The only sizes Application Auto Scaling takes, in the families that allow it. */
export const AUTO_SCALING_SIZES: readonly string[] = ["large", "xlarge", "2xlarge"];

/** Every node type of the table, `cache.<family>.<size>`, in table order. */
export const NODE_TYPE_NAMES: readonly string[] = NODE_FAMILIES.flatMap((f) => f.sizes.map((size) => `cache.${f.family}.${size}`));

/**
 * The size words of a well-formed node type: micro, small, medium, large, xlarge, and 2xlarge to
 * 99xlarge. Names in lowercase only, as AWS writes them.
 */
const SIZE = "micro|small|medium|large|xlarge|([2-9]|[1-9][0-9])xlarge";

/**
 * A well-formed node type, unanchored like lib/inputs/patterns.ts: `cache.`, a family (letters, a
 * generation number, attribute letters: t3, r6gd, c7gn) and a size word. Whether AWS has the type
 * is the table's to say; a well-formed type it lacks is only a warning, since AWS adds types.
 * Only syntax that Go's RE2 and JavaScript read alike.
 */
export const NODE_TYPE = `cache\\.[a-z]+[0-9]+[a-z]*\\.(${SIZE})`;

/**
 * A well-formed node type of one of these families, in one of these sizes (any size word when
 * none are given): the Terraform side of dataTiering and supportsAutoScaling.
 */
function nodeTypePattern(families: readonly string[], sizes?: readonly string[]): string {
  return `cache\\.(${families.join("|")})\\.(${sizes ? sizes.join("|") : SIZE})`;
}

const DATA_TIERING_FAMILIES = NODE_FAMILIES.filter((f) => f.dataTiering).map((f) => f.family);
export const AUTO_SCALING_FAMILIES = NODE_FAMILIES.filter((f) => f.autoScaling).map((f) => f.family);

/** Node types whose clusters tier data to SSD, in any size: AWS ties data tiering to the family. */
export const DATA_TIERING_NODE_TYPE = nodeTypePattern(DATA_TIERING_FAMILIES);

/** Node types whose clusters Application Auto Scaling can scale. */
export const AUTO_SCALING_NODE_TYPE = nodeTypePattern(AUTO_SCALING_FAMILIES, AUTO_SCALING_SIZES);

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const WELL_FORMED = anchored(NODE_TYPE);

/** A well-formed node type's family and size; undefined for any other string. */
export function nodeType(name: string): { readonly family: string; readonly size: string } | undefined {
  if (!WELL_FORMED.test(name)) return undefined;
  const [, familyName, size] = name.split(".");
  return { family: familyName, size };
}

/** Whether the table has the node type. */
export const inTable = (name: string): boolean => NODE_TYPE_NAMES.includes(name);

/** Whether a cluster of this node type tiers data to SSD (and must say so: data_tiering_enabled). */
export const dataTiering = (name: string): boolean => anchored(DATA_TIERING_NODE_TYPE).test(name);

/** Whether Application Auto Scaling can scale a cluster of this node type. */
export const supportsAutoScaling = (name: string): boolean => anchored(AUTO_SCALING_NODE_TYPE).test(name);

/** Characters as Terraform's string functions count them (code points, for the names that matter). */
const characters = (text: string) => [...text];

/** How many leading characters two strings share, and how many trailing ones. */
function sharedEnds(key: readonly string[], name: readonly string[]): number {
  const starts = (n: number) => name.slice(0, n + 1).every((c, i) => key[i] === c);
  const ends = (n: number) => name.slice(n).every((c, i) => key[key.length - (name.length - n) + i] === c);
  const indexes = name.map((_, n) => n);
  return indexes.filter(starts).length + indexes.filter(ends).length;
}

/**
 * The two node types of the table nearest a name: those sharing the most leading plus trailing
 * characters with it, ties in table order. The name is compared in lowercase and with `cache.` in
 * front, so `m5.large` and `cache.m5.LARGE` are nearest cache.m5.large. A typo keeps most of a
 * name's start or end (cache.m5.larg, cache.t3.mirco); lib/expressions/derivations.ts computes the
 * same in Terraform, whose functions make this measure short to write.
 */
export function nearestNodeTypes(name: string, names: readonly string[] = NODE_TYPE_NAMES): string[] {
  const lower = name.toLowerCase();
  const key = characters(`cache.${lower.startsWith("cache.") ? lower.slice("cache.".length) : lower}`);
  return names
    .map((candidate, index) => ({ candidate, index, score: sharedEnds(key, characters(candidate)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 2)
    .map((scored) => scored.candidate);
}
