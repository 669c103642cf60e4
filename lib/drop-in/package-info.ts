import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const NAME = "redis-cdktf";

interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

/**
 * This package's name and version, from its own package.json: the nearest one above this file
 * (lib/drop-in/ when run from source, dist/lib/drop-in/ when compiled, under
 * node_modules/redis-cdktf/ when installed) whose name is this package's.
 */
export function packageInfo(from = __dirname): PackageInfo {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const { name, version } = JSON.parse(readFileSync(file, "utf8"));
      if (name === NAME) return { name, version };
    }
    if (dirname(dir) === dir) throw new Error(`${NAME}: its package.json was not found above ${from}`);
  }
}
