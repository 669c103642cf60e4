/**
 * The public API of `redis-cdktf/review` (lib/review/index.ts) is a deliberate list: a name added
 * to the index by accident becomes something users rely on, so every export, value or type, is
 * named here, and the command must need nothing beyond them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as api from "../../lib/review";

const ROOT = join(__dirname, "..", "..");
const INDEX = join(ROOT, "lib", "review", "index.ts");

const VALUES = ["MARKER", "PlanError", "ReviewTooLongError", "classify", "parsePlan", "renderReview", "reviewPlanJson", "reviewUnits", "unitNames"];

const TYPES = [
  // What the calls take and give.
  "PlanReview",
  "RenderOptions",
  "UnitPlan",
  "UnitReview",
  "UnitsReview",
  "Plan",
  "Review",
  // What a plan is made of.
  "Action",
  "AttributePath",
  "Mask",
  "OutputChange",
  "PathStep",
  "ResourceChange",
  // What a review is made of.
  "ArgumentChange",
  "ArgumentDiff",
  "ArgumentValue",
  "CapacityChange",
  "CapacityChangeKind",
  "CapacityDimension",
  "ConnectivityRisk",
  "Danger",
  "DnsChange",
  "Endpoint",
  "Engine",
  "EngineChange",
  "EngineRefusal",
  "EngineVersion",
  "ForcingArgument",
  "Kind",
  "LogDeliveryChange",
  "LogDestination",
  "Loss",
  "OutputReview",
  "Refusal",
  "RefusalKind",
  "ReviewedChange",
  "Role",
  "Shown",
  "Summary",
];

/** Every name the index exports, types included, as the compiler sees the module. */
function exportedNames(): string[] {
  const program = ts.createProgram([INDEX], { noLib: true, types: [], noEmit: true });
  const source = program.getSourceFile(INDEX)!;
  const checker = program.getTypeChecker();
  return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((symbol) => symbol.name);
}

const sorted = (names: readonly string[]) => [...names].sort();

describe("the redis-cdktf/review API", () => {
  it("exports these values at run time, and nothing else", () => {
    expect(sorted(Object.keys(api))).toEqual(sorted(VALUES));
  });

  it("exports these values and types, and nothing else", () => {
    expect(sorted(exportedNames())).toEqual(sorted([...VALUES, ...TYPES]));
  });

  it("is all the command imports from the review", () => {
    const source = ts.createSourceFile("review.ts", readFileSync(join(ROOT, "bin", "review.ts"), "utf8"), ts.ScriptTarget.ES2022);
    const local = source.statements
      .filter(ts.isImportDeclaration)
      .map((declaration) => (declaration.moduleSpecifier as ts.StringLiteral).text)
      .filter((specifier) => specifier.startsWith("."));
    expect(local).toEqual(["../lib/review"]);
  });

  it("reviews a plan with the three steps as reviewPlanJson does in one", () => {
    const text = JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        {
          address: "aws_elasticache_replication_group.redis",
          mode: "managed",
          type: "aws_elasticache_replication_group",
          name: "redis",
          change: { actions: ["delete"], before: { replication_group_id: "orders" }, after: null },
        },
      ],
    });
    const review = api.classify(api.parsePlan(text));
    const whole = api.reviewPlanJson(text, { maxChars: 20_000 });
    expect(whole).toEqual({ review, markdown: api.renderReview(review, { maxChars: 20_000 }), dangerous: true, refused: false });
    expect(whole.markdown.startsWith(`${api.MARKER}\n`)).toBe(true);
    expect(() => api.parsePlan("{")).toThrow(api.PlanError);
  });
});
