#!/usr/bin/env node
// Starts this pack's CrossGuard analyzer for the offline tools (`./platform plan|check|review`): the compiled
// pack (bin/, made by prepare.js) is loaded in this process and @pulumi/policy's own gRPC server prints its port
// on stdout's first line, exactly as under `run-policy-pack` (what `pulumi preview --policy-pack` starts). Two
// things are left out or added, for start-up time only (docs/performance.md, "Policy phase"):
//  - no ts-node: run-policy-pack registers it and TypeScript for every pack, which a compiled pack never uses;
//  - V8's code cache (v8-compile-cache), kept in node_modules/.cache: the ~800 modules a start loads (13 MB of
//    JavaScript, TypeScript's 9 MB among them, which @pulumi/pulumi's closure code requires) are compiled
//    once, not at every start. A module whose content changed is compiled again (the cache is keyed by each
//    file's SHA-1); `npm ci` removes node_modules and the cache with it. Not when node_modules is a link (a
//    review's worktree borrowing the checkout's): the cache is named after this script's path, so every
//    worktree would leave 5 MB behind in the folder it borrows.
// The verdicts are the same as under run-policy-pack (ServeScriptTest compares both on a plan). One limit: the
// modules v8-compile-cache compiles have no dynamic-import callback, so an `import()` in them fails
// (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING); tsc compiles the pack's own `import()` to require(), and of the ~800
// modules loaded only npm's cacache has one, which analysis never reaches.
// Plain JavaScript: it runs the compiled pack and needs nothing compiled itself.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

// The same guard as run-policy-pack's: an error nobody handled ends the process with a non-zero code and its stack
// on stderr, which the Java side shows with the failure.
let failed = false;
const fail = (err) => {
    failed = true;
    console.error((err && (err.stack || err.message)) || String(err));
    process.exitCode = 1;
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const modules = path.join(root, "node_modules");
if (!fs.lstatSync(modules).isSymbolicLink()) {
    const cache = path.join(modules, ".cache", "v8-compile-cache", process.versions.v8);
    removeStaleLocks(cache);
    process.env.V8_COMPILE_CACHE_CACHE_DIR = cache;
    require("v8-compile-cache");
}

// v8-compile-cache saves only after creating a LOCK file exclusively, and never saves while one exists. A node
// killed in the milliseconds of a save (Ctrl-C, a CI runner's SIGKILL) leaves its LOCK behind, and the cache would
// then never be written again until the next `npm ci`: a LOCK older than any save can take is removed.
function removeStaleLocks(dir) {
    let names;
    try {
        names = fs.readdirSync(dir);
    } catch (err) {
        return;   // no cache yet
    }
    for (const name of names.filter((n) => n.endsWith("LOCK"))) {
        try {
            if (Date.now() - fs.statSync(path.join(dir, name)).mtimeMs > 60_000) {
                fs.unlinkSync(path.join(dir, name));
            }
        } catch (err) {
            // another start removed it first
        }
    }
}

// The Java side ends the analyzer by closing its stdin: node then exits normally, which lets v8-compile-cache write
// its cache (it rewrites the whole file at every exit: about 5 MB, a few milliseconds). A JVM that dies without
// stopping node closes the pipe too, so node never outlives it.
// The pipe is unref'd: it must not keep node alive by itself. Under run-policy-pack, a pack that fails before its
// server listens (a rejected promise at load, a failed dynamic import) leaves nothing to wait for, node exits and
// the Java side reports the error at once; a ref'd stdin would keep node waiting for the 120 s start timeout.
process.stdin.on("end", () => process.exit(failed ? 1 : 0));
process.stdin.on("error", () => process.exit(failed ? 1 : 0));
process.stdin.resume();
if (typeof process.stdin.unref === "function") {
    process.stdin.unref();
}

// The pack's entry point constructs its PolicyPack, whose server prints the port. A pack that fails to load would
// otherwise leave node waiting on stdin with no port printed: say why and end at once.
const main = path.join(root, require(path.join(root, "package.json")).main || "index.js");
try {
    require(main);
} catch (err) {
    console.error(`the policy pack's entry point ${main} failed to load:\n${(err && err.stack) || err}`);
    process.exit(1);
}
