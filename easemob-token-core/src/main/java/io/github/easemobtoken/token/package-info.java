/**
 * The token lifecycle: the client of Easemob's token endpoint and the caching provider
 * that decides when to ask it.
 */
@NullMarked
package io.github.easemobtoken.token;

import org.jspecify.annotations.NullMarked;
