// The pack's own invariants: every policy is tested both ways, described with its catalogue rule,
// and the per-stack config files name only real policies and properties.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../src/policies";
import { cases } from "./resourceCases";
import { cases as stackCases } from "./stackCases";

test("every policy has a passing and a failing test case", () => {
    const tested = new Set([...cases.map((c) => c.policy), ...stackCases.map((c) => c.policy)]);
    assert.deepEqual(policies.map((p) => p.name).filter((n) => !tested.has(n)), []);
});

test("policy names are unique kebab-case and descriptions name the catalogue rule", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    for (const p of policies) {
        assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.match(p.description, /\(catalogue: .+; .+\)$/, p.name);
    }
});

for (const stack of ["staging", "production"]) {
    test(`config/${stack}.json names only policies of the pack and properties of their schema`, () => {
        const file = path.join(__dirname, "..", "..", "config", `${stack}.json`);
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        for (const [name, value] of Object.entries(config)) {
            const p = policies.find((x) => x.name === name);
            assert.ok(p, `${stack}.json: no policy ${name}`);
            if (typeof value === "object" && value !== null) {
                for (const key of Object.keys(value)) {
                    if (key === "enforcementLevel") continue;
                    assert.ok(p!.configSchema?.properties[key], `${stack}.json: ${name}.${key} is not in the policy's config schema`);
                }
            }
        }
    });
}
