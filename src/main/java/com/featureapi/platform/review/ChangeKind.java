package com.featureapi.platform.review;

/** What a change does to one resource. */
public enum ChangeKind { ADDED, REMOVED, REPLACED, CHANGED }
