// Every resource policy against one resource that passes and one that fails, checking the message.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkResource } from "./harness";
import { cases } from "./resourceCases";

for (const c of cases) {
    test(`${c.policy}: passes a compliant ${c.goodType ?? c.type}`, () => {
        assert.deepEqual(checkResource(c.policy, c.goodType ?? c.type, c.good, c.goodOptions), []);
    });
    test(`${c.policy}: reports a violating ${c.badType ?? c.type}`, () => {
        const messages = checkResource(c.policy, c.badType ?? c.type, c.bad, c.badOptions);
        assert.ok(messages.some((m) => c.message.test(m)), `expected ${c.message} in ${JSON.stringify(messages)}`);
    });
}
