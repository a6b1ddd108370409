// docs/policies.md is generated from the pack: it must be what the generator writes now.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { render } from "../scripts/generate-docs";

test("docs/policies.md is up to date with the pack (regenerate with `npm run docs` in policies/)", () => {
    const file = path.resolve(__dirname, "..", "..", "..", "docs", "policies.md");
    assert.equal(fs.readFileSync(file, "utf8"), render());
});
