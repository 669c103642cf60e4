/**
 * The node type table and what it answers, against AWS's lists written out here by hand (the
 * sources named in lib/inputs/node-types.ts): the user guide's current-generation node types for
 * Valkey and Redis OSS, the auto scaling prerequisites, data tiering on r6gd.
 */
import { describe, expect, it } from "vitest";
import {
  dataTiering,
  inTable,
  nearestNodeTypes,
  NODE_TYPE_NAMES,
  nodeType,
  supportsAutoScaling,
} from "../../lib/inputs/node-types";

const GRAVITON = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"];
const of = (family: string, sizes: string[]) => sizes.map((size) => `cache.${family}.${size}`);

const AWS_TYPES = [
  ...of("t2", ["micro", "small", "medium"]),
  ...of("t3", ["micro", "small", "medium"]),
  ...of("t4g", ["micro", "small", "medium"]),
  ...of("m4", ["large", "xlarge", "2xlarge", "4xlarge", "10xlarge"]),
  ...of("m5", ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"]),
  ...of("m6g", GRAVITON),
  ...of("m7g", GRAVITON),
  ...of("m8g", GRAVITON),
  ...of("r4", ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"]),
  ...of("r5", ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"]),
  ...of("r6g", GRAVITON),
  ...of("r6gd", ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]),
  ...of("r7g", GRAVITON),
  ...of("r8g", GRAVITON),
  ...of("c7gn", GRAVITON),
  ...of("c8gn", GRAVITON),
];

describe("the table", () => {
  it("holds AWS's current-generation node types, each once, in family order", () => {
    expect(NODE_TYPE_NAMES).toEqual(AWS_TYPES);
    expect(NODE_TYPE_NAMES).toHaveLength(94);
  });

  it("knows the types of the scenarios and examples, and no size a family lacks", () => {
    const known = ["cache.t3.micro", "cache.t4g.medium", "cache.m5.large", "cache.m6g.large", "cache.r6g.large", "cache.r7g.large"];
    for (const name of known) {
      expect(inTable(name), name).toBe(true);
    }
    const unknown = ["cache.r6gd.large", "cache.m5.8xlarge", "cache.r4.12xlarge", "cache.t2.large", "cache.r7g.48xlarge", "cache.m9g.large"];
    for (const name of [...unknown, "cache.m3.medium"]) {
      expect(inTable(name), name).toBe(false);
    }
  });
});

describe("nodeType: a well-formed name's family and size", () => {
  it.each([
    ["cache.t3.micro", "t3", "micro"],
    ["cache.r6gd.16xlarge", "r6gd", "16xlarge"],
    ["cache.c7gn.2xlarge", "c7gn", "2xlarge"],
    ["cache.m9g.large", "m9g", "large"],
    ["cache.r7g.48xlarge", "r7g", "48xlarge"],
    ["cache.x2iedn.99xlarge", "x2iedn", "99xlarge"],
  ])("%s", (name, family, size) => {
    expect(nodeType(name)).toEqual({ family, size });
  });

  it.each([
    ["a size that is no size word", "cache.m5.larg"],
    ["no size", "cache.r6g"],
    ["no cache. prefix", "m5.large"],
    ["uppercase", "cache.m5.LARGE"],
    ["an uppercase prefix", "Cache.m5.large"],
    ["1xlarge", "cache.m5.1xlarge"],
    ["100xlarge", "cache.m5.100xlarge"],
    ["a size AWS uses for EC2 only", "cache.m5.metal"],
    ["a family without a generation number", "cache.m.large"],
    ["a family without letters", "cache.5.large"],
    ["an empty family", "cache..large"],
    ["a hyphen for a dot", "cache.m5-large"],
    ["a fourth part", "cache.m5.large.x"],
    ["a trailing space", "cache.m5.large "],
    ["a trailing newline", "cache.m5.large\n"],
    ["nothing", ""],
  ])("malformed: %s (%j)", (_why, name) => {
    expect(nodeType(name)).toBeUndefined();
  });
});

describe("dataTiering: the r6gd family", () => {
  it("is every r6gd type, and a well-formed r6gd size AWS may add", () => {
    for (const name of [...of("r6gd", ["xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"]), "cache.r6gd.24xlarge"]) {
      expect(dataTiering(name), name).toBe(true);
    }
  });

  it("is no other type, and no malformed name", () => {
    const others = ["cache.r6g.xlarge", "cache.r7g.xlarge", "cache.t3.micro", "cache.r6gd", "cache.r6gd.XLARGE"];
    for (const name of [...others, "cache.r6gdx.xlarge", "xcache.r6gd.xlarge", "cache.r6gd.xlarge "]) {
      expect(dataTiering(name), name).toBe(false);
    }
  });
});

describe("supportsAutoScaling: AWS's families, in sizes large, xlarge and 2xlarge", () => {
  const families = ["r7g", "r6g", "r5", "m7g", "m6g", "m5", "c7gn"];

  it("takes those families in those sizes, and r6gd in the two it has", () => {
    const supported = [...families.flatMap((f) => of(f, ["large", "xlarge", "2xlarge"])), ...of("r6gd", ["xlarge", "2xlarge"])];
    for (const name of supported) expect(supportsAutoScaling(name), name).toBe(true);
    expect(NODE_TYPE_NAMES.filter(supportsAutoScaling)).toEqual(AWS_TYPES.filter((name) => supported.includes(name)));
  });

  it("refuses larger sizes, other families and malformed names", () => {
    const larger = ["cache.r7g.4xlarge", "cache.m5.12xlarge", "cache.r6gd.4xlarge"];
    const otherFamilies = ["cache.t3.micro", "cache.m4.large", "cache.r4.large", "cache.m8g.large", "cache.r8g.xlarge", "cache.c8gn.large"];
    for (const name of [...larger, ...otherFamilies, "cache.r7g.LARGE"]) {
      expect(supportsAutoScaling(name), name).toBe(false);
    }
  });
});

describe("nearestNodeTypes: the two known types sharing most of a name's start and end", () => {
  it.each([
    ["cache.m5.larg", ["cache.m5.large", "cache.m5.xlarge"]],
    ["cache.r6g", ["cache.r6g.large", "cache.r6g.xlarge"]],
    ["m5.large", ["cache.m5.large", "cache.m5.xlarge"]],
    ["cache.m5.LARGE", ["cache.m5.large", "cache.m5.xlarge"]],
    ["t3.micro", ["cache.t3.micro", "cache.t2.micro"]],
    ["cache.t3.mirco", ["cache.t3.micro", "cache.t3.medium"]],
    ["cache.r6gd.large", ["cache.r6gd.xlarge", "cache.r6gd.2xlarge"]],
    ["CACHE.R7G.XLARGE", ["cache.r7g.xlarge", "cache.r7g.2xlarge"]],
  ])("%s", (name, nearest) => {
    expect(nearestNodeTypes(name)).toEqual(nearest);
  });

  it("adds the shared start to the shared end, and breaks ties in table order", () => {
    const names = ["cache.a1.large", "cache.b1.large", "cache.a2.small"];
    // a1.large shares 7 + 6 characters with cache.a2.large, b1.large 6 + 6, a2.small 9 + 0.
    expect(nearestNodeTypes("cache.a2.large", names)).toEqual(["cache.a1.large", "cache.b1.large"]);
    // Both share 6 + 7 with cache.x1.large: the first in the table comes first.
    expect(nearestNodeTypes("cache.x1.large", names)).toEqual(["cache.a1.large", "cache.b1.large"]);
    expect(nearestNodeTypes("cache.x1.large", [...names].reverse())).toEqual(["cache.b1.large", "cache.a1.large"]);
    expect(nearestNodeTypes("cache.b1.larg", names)).toEqual(["cache.b1.large", "cache.a1.large"]);
});
});
