/**
 * instance_type's rule: a well-formed node type (lib/inputs/node-types.ts says precisely what that
 * is). A malformed one is an error whose message names the two known types nearest it; a
 * well-formed one that the table lacks is only a warning (lib/rules/warnings.ts), since AWS adds
 * node types.
 */
import { Token } from "cdktf";
import { instanceTypeNearest, nodeTypeNames } from "../expressions/derivations";
import { hcl } from "../expressions/hcl";
import { nearestNodeTypes, NODE_TYPE } from "../inputs/node-types";
import { matches, Rule } from "./builders";

export const nodeTypeRule: Rule = {
  ...matches(
    NODE_TYPE,
    "be a node type cache.<family>.<size> in lowercase, its size micro, small, medium, large, xlarge or 2xlarge to 99xlarge",
  ),
  detail: {
    lead: "the nearest known types are",
    literal: (value) => nearestNodeTypes(String(value)).join(" and "),
    expression: (operand, derive) =>
      Token.asString(hcl`join(" and ", ${derive(instanceTypeNearest, operand as string, derive(nodeTypeNames))})`),
  },
};
