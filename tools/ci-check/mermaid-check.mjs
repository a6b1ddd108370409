#!/usr/bin/env node
// Parses every ```mermaid block of a Markdown document with Mermaid's own parser (the one GitHub's
// renderer runs), so a diagram that GitHub would show as "Unable to render" fails here first.
// Usage: node mermaid-check.mjs FILE.md   (or the Markdown on stdin)
// Exit codes: 0 every block parsed, 1 a block failed (its number, line and Mermaid's message on
// stderr), 2 no mermaid block at all or unreadable input.
import { readFileSync } from "node:fs";
import { parseMermaidBlocks, mermaidBlocks } from "./lib/mermaid.mjs";

const file = process.argv[2];
let markdown;
try {
  markdown = readFileSync(file ?? 0, "utf8");
} catch (e) {
  console.error(`mermaid-check: cannot read ${file ?? "stdin"}: ${e.message}`);
  process.exit(2);
}
if (mermaidBlocks(markdown).length === 0) {
  console.error(`mermaid-check: no \`\`\`mermaid block in ${file ?? "stdin"}`);
  process.exit(2);
}
const failures = await parseMermaidBlocks(markdown);
for (const f of failures) {
  console.error(`mermaid-check: block ${f.index + 1} (line ${f.line} of ${file ?? "stdin"}): ${f.message}`);
}
process.exit(failures.length === 0 ? 0 : 1);
