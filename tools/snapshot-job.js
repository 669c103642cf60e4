// The snapshot export job's Lambda package, module/snapshot-export.zip, built from
// lib/snapshot-export/*.ts the same way on every machine: each file transpiled alone by TypeScript
// (no type information, so no dependence on what else is installed), in a zip without compression,
// times or owners, the entries in name order. `npm run module` (package-module.js) writes it next
// to cdk.tf.json, under the name the construct reads (lib/drop-in/package-info.ts).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const root = path.resolve(__dirname, "..");
const SOURCE = path.join(root, "lib", "snapshot-export");
/** The handler file becomes index.js: Lambda's handler setting is index.handler. */
const ENTRY = "handler.ts";

function jobFiles() {
  const ts = require(require.resolve("typescript", { paths: [root] }));
  return fs
    .readdirSync(SOURCE)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const { outputText } = ts.transpileModule(fs.readFileSync(path.join(SOURCE, f), "utf8"), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
        fileName: f,
      });
      return { name: f === ENTRY ? "index.js" : f.replace(/\.ts$/, ".js"), data: Buffer.from(outputText.replace(/\r\n/g, "\n")) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A zip of stored (uncompressed) entries dated 1980-01-01 00:00, readable by all. */
function zip(files) {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const common = (b, at) => {
      b.writeUInt16LE(20, at); // version needed
      b.writeUInt16LE(0, at + 2); // flags
      b.writeUInt16LE(0, at + 4); // stored
      b.writeUInt16LE(0, at + 6); // time
      b.writeUInt16LE(DOS_DATE, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt32LE(data.length, at + 18);
      b.writeUInt16LE(nameBytes.length, at + 22);
      b.writeUInt16LE(0, at + 24); // extra
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    common(central, 6);
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function buildJobZip() {
  return zip(jobFiles());
}

module.exports = { buildJobZip };
