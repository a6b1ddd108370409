package com.featureapi.platform.review;

/**
 * One input that differs between the two plans, by dotted path ({@code scalingConfig.desiredSize}). Values are
 * as the plans record them, so a secret stays {@code [secret]}; {@code null} means absent on that side.
 *
 * @param path               the input's dotted path
 * @param before             base value as JSON text, or null
 * @param after              head value as JSON text, or null
 * @param forcesReplacement  AWS (or Kubernetes) cannot change it in place: the resource is replaced
 */
public record PropertyChange(String path, String before, String after, boolean forcesReplacement) {
}
