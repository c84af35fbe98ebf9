package io.paas.controller.drains;

/** A drain as its sender knows it: which app's lines, where to, and the token sent with them. */
record DrainTarget(long id, long appId, DrainUrl url, String token) {
}
