// The Mermaid checker itself: it must find every block and fail on a diagram Mermaid cannot parse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mermaidBlocks, parseMermaidBlocks } from "../lib/mermaid.mjs";

const fence = "```";
const good = `# t\n\n${fence}mermaid\nflowchart LR\n  subgraph tier_network["network"]\n    n0["aws:ec2/vpc:Vpc<br/>main"]\n  end\n  n0 --> n1\n${fence}\n`;
const bad = `${fence}mermaid\nflowchart LR\n  n0["a"] -->\n  subgraph\n${fence}\n`;

test("finds each mermaid block and its line", () => {
  const blocks = mermaidBlocks(`${good}\ntext\n${bad}`);
  assert.equal(blocks.length, 2);
  assert.equal(blocks[0].line, 3);
});

test("a valid flowchart parses", async () => {
  assert.deepEqual(await parseMermaidBlocks(good), []);
});

test("a broken flowchart fails with Mermaid's message", async () => {
  const failures = await parseMermaidBlocks(bad);
  assert.equal(failures.length, 1);
  assert.match(failures[0].message, /Parse error/);
});
