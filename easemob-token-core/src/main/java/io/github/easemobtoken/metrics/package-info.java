/**
 * Micrometer meters of the token lifecycle.
 */
@NullMarked
package io.github.easemobtoken.metrics;

import org.jspecify.annotations.NullMarked;
