/**
 * Where the token lives: the {@link io.github.easemobtoken.store.TokenStore} SPI and its
 * in-memory implementation.
 */
@NullMarked
package io.github.easemobtoken.store;

import org.jspecify.annotations.NullMarked;
