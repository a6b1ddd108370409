// Mermaid's parser under node. Mermaid is written for browsers: importing it touches `window`,
// `document` and DOMPurify, so a jsdom window stands in for the browser before the import.
import { JSDOM } from "jsdom";

let mermaidPromise;

async function loadMermaid() {
  const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  for (const name of ["Element", "HTMLElement", "SVGElement", "Node", "DOMParser", "getComputedStyle"]) {
    if (!(name in globalThis)) globalThis[name] = dom.window[name];
  }
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  return mermaid;
}

/** The ```mermaid fenced blocks of a Markdown text, with the line each starts on (1-based). */
export function mermaidBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*```mermaid\s*$/.test(lines[i])) {
      const start = i + 1;
      const body = [];
      for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      blocks.push({ line: start, text: body.join("\n") });
    }
  }
  return blocks;
}

/** Parses each block with mermaid.parse; returns the failures ({index, line, message}), empty when all parse. */
export async function parseMermaidBlocks(markdown) {
  mermaidPromise ??= loadMermaid();
  const mermaid = await mermaidPromise;
  const failures = [];
  const blocks = mermaidBlocks(markdown);
  for (let index = 0; index < blocks.length; index++) {
    try {
      await mermaid.parse(blocks[index].text);
    } catch (e) {
      failures.push({ index, line: blocks[index].line, message: String(e.message ?? e).split("\n").join(" | ") });
    }
  }
  return failures;
}
