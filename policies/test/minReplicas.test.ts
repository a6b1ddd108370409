// k8s-min-replicas reads the floor an HPA keeps: the chart renders no replicas for a Deployment an HPA owns.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { T } from "../src/lib/types";
import { checkStack, linkStack } from "./harness";
import { goodStack } from "./stackCases";

function withFloor(min: number) {
    const s = goodStack();
    s.find((e) => e.type === T.hpa)!.props.spec.minReplicas = min;
    return linkStack(s);
}

test("k8s-min-replicas: staging's minimum of 1 accepts an HPA floor of 1 that production refuses", () => {
    assert.deepEqual(checkStack("k8s-min-replicas", withFloor(1), { minimum: 1 }), []);
    assert.deepEqual(checkStack("k8s-min-replicas", withFloor(1), {}),
        ["Deployment feature-api/feature-api: its HorizontalPodAutoscaler feature-api keeps minReplicas 1: this environment needs at least 2"]);
});

test("k8s-min-replicas: an HPA floor of 2 passes production although the Deployment renders no replicas", () => {
    const s = goodStack();
    assert.equal(s.find((e) => e.type === T.deployment)!.props.spec.replicas, undefined);
    assert.deepEqual(checkStack("k8s-min-replicas", withFloor(2), {}), []);
});
