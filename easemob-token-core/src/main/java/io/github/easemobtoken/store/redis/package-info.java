/**
 * The fleet store: the token in Redis, encrypted at rest, and the lease that decides which
 * instance asks Easemob, through Spring Data Redis.
 */
@NullMarked
package io.github.easemobtoken.store.redis;

import org.jspecify.annotations.NullMarked;
