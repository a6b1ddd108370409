// Every stack policy against a crafted stack that passes and the same stack with one thing broken.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { checkStack, linkStack } from "./harness";
import { cases, goodStack } from "./stackCases";

for (const c of cases) {
    test(`${c.policy}: passes the compliant stack`, () => {
        assert.deepEqual(checkStack(c.policy, linkStack(goodStack()), c.goodConfig ?? {}), []);
    });
    test(`${c.policy}: reports the broken stack`, () => {
        const s = goodStack();
        c.edit(s);
        const messages = checkStack(c.policy, linkStack(s), c.config ?? {});
        assert.ok(messages.some((m) => c.message.test(m)), `expected ${c.message} in ${JSON.stringify(messages)}`);
    });
}

