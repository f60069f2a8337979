#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into
// build/native/electron-<version>-better-sqlite3-<version>-<platform>-<arch>/,
// leaving node_modules/better-sqlite3 (the Node-ABI build tests and the CLI use) untouched.
// Does nothing when that file already exists. Plain Node ESM, no dependencies: node-gyp is npm's
// bundled copy when found, else `npm exec --yes node-gyp`.
//
// Usage: node scripts/electron-native.mjs [--force] [--arch=x64|arm64]
// Offline: set ELECTRON_NODEDIR to an unpacked Electron headers folder (node-gyp --nodedir).
import { spawn } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const DIST_URL = 'https://electronjs.org/headers'

// Thrown, not process.exit(): the `finally` that removes the temp copy must still run.
function fail(message) {
  throw new Error(message)
}

function argValue(name) {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`))
  return hit ? hit.slice(name.length + 3) : undefined
}

function readVersion(pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version
  } catch {
    fail(`${pkg} is not installed (node_modules/${pkg}/package.json not found). Run npm install first.`)
  }
}

/** npm's own node-gyp (npm sets npm_config_node_gyp in scripts), else next to the running node. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  const found = candidates.find((c) => c && existsSync(c))
  if (found) return { command: process.execPath, args: [found] }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  return { command: npm, args: ['exec', '--yes', '--', 'node-gyp'] }
}

/**
 * The environment for node-gyp. node-gyp lets npm_config_* variables override its command line, and
 * npm exports its whole config that way: an npm `nodedir` (e.g. nodedir=/usr in ~/.npmrc for
 * offline Node builds) or `target` would silently build against *Node's* headers, giving a module
 * Electron refuses to load. So every setting that decides the ABI is forced here too.
 */
function childEnv(settings) {
  const forced = new Set(Object.keys(settings).map((k) => k.toLowerCase()))
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !forced.has(k.toLowerCase())))
  return { ...env, ...settings }
}

/** Runs a command, echoing its output, and resolves with its exit code and combined output. */
function run(command, args, cwd, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env, shell: process.platform === 'win32' })
    let output = ''
    const collect = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk.toString()
        sink.write(chunk)
      })
    collect(child.stdout, process.stdout)
    collect(child.stderr, process.stderr)
    child.on('error', (err) => resolvePromise({ code: -1, output: `${output}\n${err.message}` }))
    child.on('close', (code) => resolvePromise({ code: code ?? -1, output }))
  })
}

const HEADER_FAILURE =
  /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|getaddrinfo|self[- ]signed|certificate|40[34]|Could not download|tarball|headers\.tar|node\.lib|SHASUMS)/i

async function main() {
  const electronVersion = readVersion('electron')
  const sqliteVersion = readVersion('better-sqlite3')
  const platform = process.platform
  const arch = argValue('arch') ?? process.env.npm_config_arch ?? process.arch
  // Named for both versions (src/main/shell/native.ts nativeFolderName): a build of an older
  // better-sqlite3 must not pass for this one's.
  const folderName = `electron-${electronVersion}-better-sqlite3-${sqliteVersion}-${platform}-${arch}`
  const folder = join(root, 'build', 'native', folderName)
  const target = join(folder, 'better_sqlite3.node')

  if (existsSync(target) && !process.argv.includes('--force')) {
    console.log(`[electron-native] up to date: ${target}`)
    return
  }

  console.log(
    `[electron-native] building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`,
  )
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  const work = mkdtempSync(join(tmpdir(), 'ops-console-native-'))
  try {
    const copy = join(work, 'better-sqlite3')
    // The Node-ABI build folder is left behind: node-gyp must start clean, and node_modules must not change.
    cpSync(source, copy, { recursive: true, filter: (src) => resolve(src) !== join(source, 'build') })

    const nodeGyp = findNodeGyp()
    const nodedir = process.env.ELECTRON_NODEDIR
    const gypArgs = [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      ...(nodedir ? [`--nodedir=${resolve(nodedir)}`] : [`--dist-url=${DIST_URL}`]),
    ]
    const env = childEnv({
      npm_config_runtime: 'electron',
      npm_config_target: electronVersion,
      npm_config_arch: arch,
      npm_config_dist_url: DIST_URL,
      // Blank (ignored by node-gyp) unless the user points at unpacked Electron headers.
      npm_config_nodedir: nodedir ? resolve(nodedir) : '',
    })
    const { code, output } = await run(nodeGyp.command, [...nodeGyp.args, ...gypArgs], copy, env)
    if (code !== 0) {
      if (!nodedir && HEADER_FAILURE.test(output)) {
        fail(
          `Could not download the Electron ${electronVersion} headers from ${DIST_URL}.\n` +
            '  This machine needs network access to electronjs.org once (node-gyp caches the headers), or:\n' +
            `  - download node-v${electronVersion}-headers.tar.gz from ${DIST_URL}/v${electronVersion}/ elsewhere,\n` +
            '    unpack it and run: ELECTRON_NODEDIR=<unpacked folder> node scripts/electron-native.mjs\n' +
            `  - or copy build/native/${folderName}/ from a machine that built it.`,
        )
      }
      fail(
        `node-gyp failed (exit ${code}) building better-sqlite3 for Electron ${electronVersion}.\n` +
          '  A C++ toolchain is required: build-essential + python3 (Linux), Xcode CLT (macOS),\n' +
          '  or Visual Studio Build Tools with "Desktop development with C++" (Windows).',
      )
    }
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
    if (!existsSync(built)) fail(`node-gyp reported success but ${built} is missing.`)
    mkdirSync(folder, { recursive: true })
    // Copy then rename: a half-copied file must never look like a finished build to the next run.
    const partial = `${target}.partial`
    copyFileSync(built, partial)
    renameSync(partial, target)
    console.log(`[electron-native] wrote ${target}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(`\n[electron-native] ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})
