#!/usr/bin/env node
// Benchmark floor (`npm run bench`): a bare node process that only loads what any synth of the
// construct must load, namely cdktf (which brings constructs) and the provider resource modules
// the constructs and the module stacks use, by deep path, as lib/ imports them. No construct is
// built, nothing is written.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const lib = path.join(__dirname, "..", "..", "lib");
const modules = new Set();
for (const file of fs.readdirSync(lib, { recursive: true })) {
  if (!file.endsWith(".ts")) continue;
  for (const [, name] of fs.readFileSync(path.join(lib, file), "utf8").matchAll(/from "(@cdktf\/provider-aws\/lib\/[\w-]+)"/g)) modules.add(name);
}
require("cdktf");
for (const name of [...modules].sort()) require(name);
