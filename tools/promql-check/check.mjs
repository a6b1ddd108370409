#!/usr/bin/env node
// Parses PromQL expressions with @prometheus-io/lezer-promql, the grammar the Prometheus web UI uses.
// Input: a JSON file with [{"name": ..., "expr": ...}, ...]. Output (stdout): the same list, each with
// "errors": the positions and text where the parser had to recover ([] when the expression parses).
// Exit status 0 whatever the verdicts: the Java test decides what an error means.
import { readFileSync } from "node:fs";
import { parser } from "@prometheus-io/lezer-promql";

const expressions = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = expressions.map(({ name, expr }) => {
  const errors = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push({ from: node.from, to: node.to, near: expr.slice(Math.max(0, node.from - 10), node.to + 10) });
      }
    },
  });
  return { name, expr, errors };
});
process.stdout.write(JSON.stringify(results));
