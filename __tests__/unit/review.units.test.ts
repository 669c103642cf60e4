/**
 * Several plans in one comment (docs/plan-review.md, Terragrunt): real plans made by Terraform
 * (__tests__/fixtures/plans) as the units of a run-all, rendered as GitHub renders them.
 */
import { describe, expect, it } from "vitest";
import { MARKER, reviewUnits, unitNames } from "../../lib/review";
import { COMMENT_LIMIT, commentLength, headings, renderGfm, textOf } from "../../tools/gfm";
import { readPlanFixture } from "../helpers/plan-fixtures";

/** A unit with nothing to do: Terraform's plan of a configuration that matches its state. */
const NO_CHANGES = JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", resource_changes: [], planned_values: {} });

describe("unit names", () => {
  it("are the plans' folders relative to their common parent, as long as it takes to tell them apart", () => {
    expect(unitNames(["live/prod/orders/plan.json", "live/prod/carts/plan.json"])).toEqual(["orders", "carts"]);
    expect(unitNames(["live/prod/orders/plan.json", "live/staging/orders/plan.json"])).toEqual(["prod/orders", "staging/orders"]);
    expect(unitNames(["live/prod/orders/plan.json", "live/prod/eu/carts/plan.json"])).toEqual(["orders", "eu/carts"]);
    expect(unitNames(["orders.json", "carts.json"])).toEqual(["orders", "carts"]);
  });
});

describe("three units, one comment", () => {
  const plans = [
    { name: "orders", json: readPlanFixture("ingress-cidr-change").text },
    { name: "carts", json: readPlanFixture("replace-port-60").text },
    { name: "sessions", json: NO_CHANGES },
  ];
  const r = reviewUnits(plans);
  const html = renderGfm(r.markdown);

  it("opens with every unit's danger, naming the unit, before anything else", () => {
    expect(r.markdown.startsWith(`${MARKER}\n## ⛔ DANGER in \`carts\`: this plan replaces 60 Redis clusters\n`)).toBe(true);
    expect(headings(html)[0]).toEqual({ level: 2, text: "⛔ DANGER in carts: this plan replaces 60 Redis clusters" });
    expect(r.dangerous).toBe(true);
    expect(r.refused).toBe(false);
  });

  it("then one line per unit with Terraform's counts, the units without changes in one line", () => {
    const text = textOf(html);
    expect(text).toContain(`orders: Plan: ${readPlanFixture("ingress-cidr-change").summary.replace(/^Plan: /, "")}`);
    expect(text).toContain(`carts: Plan: ${readPlanFixture("replace-port-60").summary.replace(/^Plan: /, "")}`);
    expect(text).toContain("No changes: sessions.");
    const units = headings(html).filter((h) => h.level === 2).map((h) => h.text);
    expect(units).toEqual(["⛔ DANGER in carts: this plan replaces 60 Redis clusters", "Terraform plan review: 3 units", "orders", "carts"]);
    // Each unit's heading stands for its review's own.
    expect(headings(html).filter((h) => h.text === "Terraform plan review")).toEqual([]);
  });

  it("gives each unit with changes its review, its notices under it (the connectivity warning of orders)", () => {
    const ordersAt = r.markdown.indexOf("## `orders`");
    const cartsAt = r.markdown.indexOf("## `carts`");
    expect(r.markdown.indexOf("### ⚠️ Clients may lose connectivity")).toBeGreaterThan(ordersAt);
    expect(r.markdown.indexOf("### ⚠️ Clients may lose connectivity")).toBeLessThan(cartsAt);
  });

  it("fits one GitHub comment", () => {
    expect(commentLength(r.markdown)).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  it("keeps every danger when the details do not fit, and says what it left out", () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ name: `cache-${i}`, json: readPlanFixture("replace-port-60").text }));
    const big = reviewUnits(many);
    expect(commentLength(big.markdown)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(big.markdown.match(/^## ⛔ DANGER in /gm)).toHaveLength(3);
    expect(big.markdown).toMatch(/left out for room/);
  });

  it("keeps every unit's danger even when their lists of clusters do not fit: the clusters are counted instead", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ name: `cache-${i}`, json: readPlanFixture("replace-port-60").text }));
    const big = reviewUnits(many);
    expect(commentLength(big.markdown)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(big.markdown.match(/^## ⛔ DANGER in `cache-\d`: this plan replaces 60 Redis clusters$/gm)).toHaveLength(8);
    expect(big.markdown.match(/^- … and 60 more clusters \(`terraform show tfplan` lists them all\)$/gm)).toHaveLength(8);
  });
});
