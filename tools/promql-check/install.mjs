#!/usr/bin/env node
// `npm ci` for this folder, skipped when node_modules was installed from this very package-lock.json
// (a stamp with the lockfile's hash), so `./mvnw verify` does not reinstall its packages every run.
// A changed lockfile, a missing or partial node_modules: `npm ci` runs, exactly as committed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const stamp = `${dir}node_modules/.installed-from-lock`;
const lockHash = createHash("sha256").update(readFileSync(`${dir}package-lock.json`)).digest("hex");
if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === lockHash) {
  console.log("promql-check: node_modules matches package-lock.json");
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, stdio: "inherit" });
if (result.status !== 0) {
  console.error(`promql-check: npm ci failed (exit ${result.status ?? result.error})`);
  process.exit(1);
}
writeFileSync(stamp, `${lockHash}\n`);
