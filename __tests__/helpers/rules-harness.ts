import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { init, terraform } from "../../tools/terraform";
import { TerraformJson } from "../../tools/synth";

/**
 * The module's rules without its resources: the synthesized variables (with their validation
 * blocks), the locals that read only inputs, check blocks, and the replication group's preconditions
 * moved verbatim onto a terraform_data resource. It plans with Terraform's built-in provider only, in a fraction of a
 * second, so every bad-input case can run through Terraform itself.
 */
export function rulesHarness(module: TerraformJson): TerraformJson {
  const { precondition } = module.resource.aws_elasticache_replication_group.redis.lifecycle;
  return {
    terraform: { required_version: module.terraform.required_version },
    variable: module.variable,
    // Locals read from resources (the group's region and account) are no rule's and have no resource here.
    locals: Object.fromEntries(Object.entries(module.locals).filter(([, value]) => !/\baws_\w+\.\w+/.test(JSON.stringify(value)))),
    check: module.check,
    resource: { terraform_data: { rules: { lifecycle: { precondition } } } },
  };
}

export interface Diagnostics {
  errors: string[];
  warnings: string[];
}

/** Lays out the harness in dir and initializes it (nothing to download). */
export async function prepareHarness(dir: string, module: TerraformJson): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "main.tf.json"), JSON.stringify(rulesHarness(module), null, 2));
  await init(dir);
}

/**
 * Plans dir with the inputs (a var file) and TF_VAR_* variables; returns the messages of
 * Terraform's error and warning diagnostics.
 */
export async function planDiagnostics(
  dir: string,
  id: string,
  inputs: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<Diagnostics> {
  const varFile = `${id}.tfvars.json`;
  await writeFile(join(dir, varFile), JSON.stringify(inputs));
  const args = ["plan", "-json", "-input=false", "-refresh=false", "-lock=false", `-var-file=${varFile}`];
  const lines = await terraform(dir, args, { allowFailure: true, env });
  const diagnostics = lines
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line))
    .filter((message) => message.type === "diagnostic")
    .map((message) => message.diagnostic as { severity: string; detail: string })
    // Terraform appends where the rule lives; the message is what comes before.
    .map((d) => ({ ...d, detail: d.detail.replace(/\n\nThis was checked by .*$/s, "") }));
  return {
    errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.detail),
    warnings: diagnostics.filter((d) => d.severity === "warning").map((d) => d.detail),
  };
}
