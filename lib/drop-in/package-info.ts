import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const NAME = "redis-cdktf";

interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * This package's root: the nearest folder above this file (lib/drop-in/ when run from source,
 * dist/lib/drop-in/ when compiled, under node_modules/redis-cdktf/ when installed) whose
 * package.json names this package.
 */
function packageRoot(from: string): { dir: string; info: PackageInfo } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const { name, version } = JSON.parse(readFileSync(file, "utf8"));
      if (name === NAME) return { dir, info: { name, version } };
    }
    if (dirname(dir) === dir) throw new Error(`${NAME}: its package.json was not found above ${from}`);
  }
}

/** This package's name and version, from its own package.json. */
export function packageInfo(from = __dirname): PackageInfo {
  return packageRoot(from).info;
}

/** The snapshot export job's Lambda package, as the module ships it next to its JSON. */
export const JOB_PACKAGE = "snapshot-export.zip";

/**
 * The job's package (built by tools/snapshot-job.js into module/) and its SHA-256 in base64, the
 * form Lambda's source_code_hash takes.
 */
export function jobPackage(from = __dirname): { path: string; sha256: string } {
  const path = join(packageRoot(from).dir, "module", JOB_PACKAGE);
  if (!existsSync(path)) throw new Error(`${NAME}: ${path} is missing: npm run module builds it`);
  return { path, sha256: createHash("sha256").update(readFileSync(path)).digest("base64") };
}
