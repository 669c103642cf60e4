// The CDK Terrain target, dist/cdktn/, written from the compiled cdktf target, dist/lib/, so that
// the construct's code exists once. CDK Terrain (`cdktn`, `@cdktn/provider-aws`) is CDKTF's
// continuation under new package names, with the same API, the same class names and the same
// deep-import paths of its provider bindings (docs/cdk-terrain.md). Only the package names in the
// `require()` calls and type imports differ, so the target is the compiled output with those
// names replaced.
//
// Only the modules that reach a CDK package, through their JavaScript or their typings, get a copy;
// their imports of the other modules (the rules' texts, the review, the package's own metadata)
// point back into dist/lib/, which both targets share.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** The entry points of the CDK Terrain target, as paths under dist/lib/ without extension. */
const ENTRY_POINTS = ["index", "drop-in/module-stack"];

/** cdktf package name -> its CDK Terrain counterpart. `constructs` is shared by both. */
const RENAMED = [
  [/^cdktf(?=$|\/)/, "cdktn"],
  [/^@cdktf\/provider-aws(?=$|\/)/, "@cdktn/provider-aws"],
];
const CDK_PACKAGE = /^(cdktf|constructs|@cdktf\/provider-aws)(\/|$)/;

/**
 * Every module specifier of a compiled file: `require("x")` in JavaScript, `from "x"` and
 * `import("x")` in typings, in either quotes (tsc keeps the source's quotes in typings).
 */
const SPECIFIER = /(\brequire\(|\bfrom |\bimport\()(["'])([^"']+)\2/g;

function specifiers(file) {
  if (!fs.existsSync(file)) return [];
  return [...fs.readFileSync(file, "utf8").matchAll(SPECIFIER)].map((match) => match[3]);
}

/** The module a relative specifier names, as a path under dist/lib/ without extension. */
function resolveRelative(lib, from, specifier) {
  const target = path.relative(lib, path.resolve(path.dirname(path.join(lib, from)), specifier));
  if (fs.existsSync(path.join(lib, `${target}.js`))) return target;
  if (fs.existsSync(path.join(lib, target, "index.js"))) return path.join(target, "index");
  // Only what tsc writes for an import of lib/ is handled; anything else must not be guessed at.
  throw new Error(`${from}: cannot resolve "${specifier}" to a compiled module of dist/lib/`);
}

/**
 * The modules reachable from the entry points, each with whether it reaches a CDK package. The
 * typings count as much as the JavaScript: a type-only import is erased from one and kept in the other.
 */
function moduleGraph(lib) {
  const imports = new Map();
  const visit = (module) => {
    if (imports.has(module)) return;
    const found = [`${module}.js`, `${module}.d.ts`].flatMap((file) => specifiers(path.join(lib, file)));
    imports.set(module, found);
    for (const specifier of found) if (specifier.startsWith(".")) visit(resolveRelative(lib, module, specifier));
  };
  ENTRY_POINTS.forEach(visit);

  // From the modules that import a CDK package to those that import them, until nothing is added:
  // a plain depth-first walk would get import cycles wrong.
  const reaching = new Set([...imports].filter(([, found]) => found.some((s) => CDK_PACKAGE.test(s))).map(([module]) => module));
  for (let grown = true; grown; ) {
    grown = false;
    for (const [module, found] of imports) {
      if (!reaching.has(module) && found.some((s) => s.startsWith(".") && reaching.has(resolveRelative(lib, module, s)))) {
        reaching.add(module);
        grown = true;
      }
    }
  }
  return new Map([...imports.keys()].sort().map((module) => [module, reaching.has(module)]));
}

function rename(specifier) {
  for (const [cdktf, cdktn] of RENAMED) if (cdktf.test(specifier)) return specifier.replace(cdktf, cdktn);
  return specifier;
}

/** Writes dist/cdktn/ afresh from dist/lib/; returns the modules it copied. */
function writeCdktnTarget(dist) {
  const lib = path.join(dist, "lib");
  const out = path.join(dist, "cdktn");
  fs.rmSync(out, { recursive: true, force: true });
  const graph = moduleGraph(lib);
  const copied = [...graph].filter(([, cdk]) => cdk).map(([module]) => module);
  for (const module of copied) {
    for (const extension of [".js", ".d.ts"]) {
      const source = path.join(lib, module + extension);
      if (!fs.existsSync(source)) continue;
      const text = fs.readFileSync(source, "utf8").replace(SPECIFIER, (_, call, quote, specifier) => {
        if (!specifier.startsWith(".")) return `${call}${quote}${rename(specifier)}${quote}`;
        const target = resolveRelative(lib, module, specifier);
        if (graph.get(target)) return `${call}${quote}${specifier}${quote}`;
        let shared = path.relative(path.dirname(path.join(out, module)), path.join(lib, target));
        if (!shared.startsWith(".")) shared = `./${shared}`;
        return `${call}${quote}${shared.split(path.sep).join("/")}${quote}`;
      });
      fs.mkdirSync(path.dirname(path.join(out, module)), { recursive: true });
      fs.writeFileSync(path.join(out, module + extension), text);
    }
  }
  return copied;
}

module.exports = { writeCdktnTarget };
