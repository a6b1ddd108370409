#!/usr/bin/env node
// Makes the pack ready to run, doing only what is out of date (plain JavaScript: it runs before any
// dependency is installed). Used by `./mvnw verify` and by the Java policy runner.
//  1. `npm ci` when node_modules is missing or older than package-lock.json (npm's own hidden
//     lockfile node_modules/.package-lock.json marks the last install);
//  2. `tsc` when bin/ is missing or older than any TypeScript source (npm ci's prepare script
//     compiles too; this covers edits after the install).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : -1);

function newest(dir) {
    let t = -1;
    if (!fs.existsSync(dir)) return t;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        t = Math.max(t, e.isDirectory() ? newest(f) : e.name.endsWith(".ts") ? mtime(f) : -1);
    }
    return t;
}

function run(command, args) {
    const windows = process.platform === "win32";
    const r = spawnSync(windows ? `${command}.cmd` : command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], shell: windows });
    if (r.error) {
        console.error(`policies: cannot run ${command}: ${r.error.message}`);
        process.exit(1);
    }
    if (r.status !== 0) {
        console.error(`policies: ${command} ${args.join(" ")} failed with exit code ${r.status}`);
        process.exit(r.status || 1);
    }
}

const installed = path.join(root, "node_modules", ".package-lock.json");
if (mtime(installed) < mtime(path.join(root, "package-lock.json"))) {
    console.error("policies: installing dependencies (npm ci) ...");
    run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"]);
}
const compiled = path.join(root, "bin", "src", "index.js");
const sources = Math.max(newest(path.join(root, "src")), newest(path.join(root, "test")), newest(path.join(root, "scripts")), mtime(path.join(root, "tsconfig.json")));
if (mtime(compiled) < sources) {
    console.error("policies: compiling (tsc) ...");
    run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
}
