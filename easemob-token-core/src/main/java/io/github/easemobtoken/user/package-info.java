/**
 * User tokens: the inherit-grant client, the dynamic-token signer, the per-app limiter.
 */
@NullMarked
package io.github.easemobtoken.user;

import org.jspecify.annotations.NullMarked;
