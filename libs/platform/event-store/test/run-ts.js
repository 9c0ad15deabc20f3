'use strict';
// Runs a TypeScript entry point in a plain `node` child process, transpiled on the fly with the
// workspace's own TypeScript compiler, and resolving the @dpe/* aliases from tsconfig.base.json
// exactly as jest does. Tests spawn it so that a child exercises the real adapter code.
//   node libs/platform/event-store/test/run-ts.js <entry.ts> [args...]
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../../..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = new Map(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, parent, ...rest) {
  const target = aliases.get(request);
  return resolveFilename.call(this, target ?? request, parent, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { outputText: code } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  module._compile(code, filename);
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node run-ts.js <entry.ts> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
