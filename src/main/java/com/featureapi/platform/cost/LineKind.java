package com.featureapi.platform.cost;

/** How a cost line is billed. */
public enum LineKind {
    /** Known from the plan alone (hours a month, provisioned GB): part of the fixed total. */
    FIXED,
    /** Depends on traffic or data (GB processed, requests): priced from the usage file, else shown as its unit price. */
    USAGE,
    /** Costs nothing (subnets, roles, ...): listed, so nothing the program creates is left out. */
    FREE,
    /** The catalog has no price for it: never $0, counted, with the reason. */
    UNPRICED
}
