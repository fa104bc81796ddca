// Compiles the CLI's TypeScript (src/, without the browser twin) to plain JavaScript in
// dist-node/, mirroring src/ (dist-node/src/cli/main.js, ...), and copies the other files under
// src/ (the built-in YAML scenarios) beside them. Run by `npm install` (the prepare script),
// `npm start` and `npm run build:cli`; does nothing when the build already matches the sources.
//
// TypeScript's own emitter does the work: with rewriteRelativeImportExtensions it turns the
// project's `./x.ts` imports into `./x.js`, file by file, so every module keeps its place and
// import.meta.url-relative paths (the built-in YAML, worker files) hold in both trees. Type
// checking is `npm run typecheck`'s job; here it is off (noCheck) to keep the build quick.
//
// Usage: node scripts/build-cli.mjs [--out DIR] [--force]
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  buildDir,
  builtFingerprint,
  cliSourceFiles,
  packageRoot,
  sourceFingerprint,
  stampFile,
} from './cliSources.mjs';

function parseArguments(argv) {
  const options = { outDir: buildDir, force: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--force') options.force = true;
    else if (argument === '--out' && argv[index + 1] !== undefined)
      options.outDir = path.resolve(argv[++index]);
    else {
      console.error(`build-cli: unexpected argument "${argument}"; expected --out DIR or --force`);
      process.exit(2);
    }
  }
  return options;
}

function loadTypeScript() {
  try {
    return createRequire(import.meta.url)('typescript');
  } catch {
    return undefined;
  }
}

function compile(ts, outDir) {
  const files = cliSourceFiles();
  const tsFiles = files.filter((file) => file.endsWith('.ts')).map((file) => path.join(packageRoot, file));
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    isolatedModules: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    noCheck: true,
    skipLibCheck: true,
    types: [],
    rootDir: packageRoot,
    outDir,
  };
  const program = ts.createProgram(tsFiles, options);
  const result = program.emit();
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (result.emitSkipped || errors.length > 0) {
    const host = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => packageRoot,
      getNewLine: () => '\n',
    };
    console.error(ts.formatDiagnostics(errors, host));
    throw new Error('TypeScript could not emit the CLI');
  }
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    const target = path.join(outDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(packageRoot, file), target);
  }
}

const { outDir, force } = parseArguments(process.argv.slice(2));
const fingerprint = sourceFingerprint();
if (!force && builtFingerprint(outDir) === fingerprint) process.exit(0);
const ts = loadTypeScript();
if (ts === undefined) {
  // An install without devDependencies: bin/twin.js runs the sources through tsx instead.
  console.log('build-cli: TypeScript is not installed; the CLI will run from src/ through tsx');
  process.exit(0);
}
// The old stamp goes first and the new one is written last, so a build cut short is never taken
// for a complete one. Only what this script writes is removed, whatever --out names.
rmSync(path.join(outDir, stampFile), { force: true });
if (existsSync(path.join(outDir, 'src'))) rmSync(path.join(outDir, 'src'), { recursive: true, force: true });
compile(ts, outDir);
writeFileSync(path.join(outDir, stampFile), `${JSON.stringify({ fingerprint }, null, 2)}\n`);
