#!/usr/bin/env node
// Prints the application image of each stack named, one a line: `node tools/ci-check/app-images.mjs staging`.
// With --dotenv, as APP_IMAGE_<STACK>=<image> lines (GitLab's dotenv report for the scan jobs).
import { fileURLToPath } from "node:url";
import { appImageOfStack } from "./lib/app-images.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
const dotenv = args.includes("--dotenv");
const stacks = args.filter((a) => a !== "--dotenv");
if (stacks.length === 0) {
  console.error("usage: app-images.mjs [--dotenv] <stack>...");
  process.exit(2);
}
try {
  for (const stack of stacks) {
    const image = appImageOfStack(root, stack);
    console.log(dotenv ? `APP_IMAGE_${stack.toUpperCase().replaceAll("-", "_")}=${image}` : image);
  }
} catch (e) {
  console.error(`app-images: ${e.message}`);
  process.exit(1);
}
