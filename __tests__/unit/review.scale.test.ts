/**
 * The review at scale, read the way GitHub shows it: plans that real Terraform runs made (60
 * clusters, npm run fixtures), the review rendered by cmark-gfm with GitHub's extensions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { reviewPlanJson } from "../../lib/review";
import { COMMENT_LIMIT, commentLength, details, headings, renderGfm, tables, textOf } from "../../tools/gfm";
import { readPlanFixture, type LoadedFixture, type PlanFixture } from "../helpers/plan-fixtures";

interface Rendered {
  readonly fixture: LoadedFixture;
  readonly markdown: string;
  readonly html: string;
  readonly dangerous: boolean;
}

const rendered = new Map<PlanFixture, Rendered>();

beforeAll(() => {
  for (const name of ["replace-port-60", "create-60", "ingress-cidr-change"] as const) {
    const fixture = readPlanFixture(name);
    const { markdown, dangerous } = reviewPlanJson(fixture.text);
    rendered.set(name, { fixture, markdown, html: renderGfm(markdown), dangerous });
  }
});

const of = (name: PlanFixture) => rendered.get(name)!;
/** The review's "Plan:" line, as the rendered comment shows it. */
const planLine = (html: string) => textOf(html).match(/Plan: [^.]*\./)?.[0];

describe("a plan that replaces 60 clusters (their port changes)", () => {
  it("fits one GitHub comment, with room to spare", () => {
    expect(commentLength(of("replace-port-60").markdown)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(commentLength(of("replace-port-60").markdown)).toBeLessThan(40_000);
  });

  it("opens with one danger heading that counts the clusters, and one block for the 60", () => {
    const { html, dangerous } = of("replace-port-60");
    expect(dangerous).toBe(true);
    const [first, second] = headings(html);
    expect(first).toEqual({ level: 2, text: "⛔ DANGER: this plan replaces 60 Redis clusters" });
    expect(second).toEqual({ level: 3, text: "60 Redis clusters are replaced" });
    const dangerHeadings = headings(html).filter((h) => h.text.includes("Redis clusters are replaced"));
    expect(dangerHeadings).toHaveLength(1);
    expect(textOf(html)).toContain("port: 6379 -> 6380");
    expect(textOf(html)).toContain("downtime starts with the apply");
  });

  it("names every cluster and the endpoints its clients use now, folded", () => {
    const { html, fixture } = of("replace-port-60");
    const folded = details(html).find((d) => d.summary === "The 60 clusters");
    expect(folded).toBeDefined();
    const groups = (fixture.plan.resource_changes ?? []).filter((rc) => rc.type === "aws_elasticache_replication_group");
    expect(groups).toHaveLength(60);
    for (const rc of groups) {
      const before = rc.change.before as Record<string, string>;
      expect(folded!.text).toContain(`${before.replication_group_id} (${rc.address})`);
      // Cluster mode has a configuration endpoint instead of primary and reader ones.
      const endpoint = before.primary_endpoint_address
        ? `primary ${before.primary_endpoint_address}`
        : `configuration ${before.configuration_endpoint_address}`;
      expect(folded!.text).toContain(`${before.replication_group_id} (${rc.address}): ${endpoint}`);
    }
  });

  it("counts as Terraform's plan line does", () => {
    const { html, fixture } = of("replace-port-60");
    expect(planLine(html)).toBe(fixture.summary);
  });

  it("starts its table with the action, replacements first, one row for the 60 alike", () => {
    const { html } = of("replace-port-60");
    const [changes] = tables(html);
    expect(changes.header).toEqual(["Action", "Resource", "Why"]);
    expect(changes.rows[0]).toEqual(["replace ×60 (destroy, then create)", "module.*.aws_elasticache_replication_group.redis", "forced by port"]);
    expect(changes.rows.length).toBeLessThan(20);
  });

  it("details the 60 alike replacements in one block, whatever attributes each leaves to apply", () => {
    const titles = of("replace-port-60")
      .markdown.split("\n")
      .filter((line) => line.startsWith("#### `module.*.aws_elasticache_replication_group.redis`"));
    expect(titles).toEqual(["#### `module.*.aws_elasticache_replication_group.redis` ×60: replace (destroy, then create)"]);
  });

  it("warns that replaced ingress rules briefly refuse clients, apart from the danger", () => {
    const { html } = of("replace-port-60");
    expect(headings(html).map((h) => h.text)).toContain("⚠️ Clients may lose connectivity");
  });
});

describe("a plan that creates 60 clusters", () => {
  it("fits one GitHub comment, says what it left out, and has no danger", () => {
    const { markdown, html, dangerous } = of("create-60");
    expect(commentLength(markdown)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(dangerous).toBe(false);
    expect(textOf(html)).not.toContain("DANGER");
    expect(textOf(html)).toMatch(/Not shown, for room: the arguments of \d+ resource\(s\) \(/);
  });

  it("counts as Terraform does and groups its 599 creates into a short table, action first", () => {
    const { html, fixture } = of("create-60");
    expect(planLine(html)).toBe(fixture.summary);
    const [changes] = tables(html);
    expect(changes.header).toEqual(["Action", "Resource"]);
    expect(changes.rows.length).toBeLessThan(20);
    const counted = changes.rows.reduce((n, [action]) => n + Number(action.match(/×(\d+)$/)?.[1] ?? 1), 0);
    expect(counted).toBe(599);
    expect(headings(html).map((h) => h.text)).toContain("Created");
    expect(headings(html).map((h) => h.text)).not.toContain("Changed arguments");
  });
});

describe("a plan that changes one cluster's CIDR blocks", () => {
  it("flags the replaced ingress rule without danger, and shows the list's added and removed blocks", () => {
    const { html, dangerous, fixture } = of("ingress-cidr-change");
    expect(dangerous).toBe(false);
    expect(planLine(html)).toBe(fixture.summary);
    expect(headings(html)[0]).toEqual({ level: 2, text: "⚠️ Clients may lose connectivity" });
    expect(textOf(html)).toContain('"10.0.0.0/16" stays allowed but cannot connect until the new rule exists');
    expect(textOf(html)).toContain('added "10.2.0.0/16"; removed "10.1.0.0/16"');
  });
});
