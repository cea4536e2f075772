/**
 * The {@code easemobToken} health indicator and its auto-configuration.
 */
@NullMarked
package io.github.easemobtoken.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
