package com.featureapi.platform.review;

/**
 * Something a reviewer must see first: a stateful resource deleted or replaced, or losing its protection.
 *
 * @param address the resource's address
 * @param message what happens, in words
 */
public record Alert(String address, String message) {
}
