/**
 * Keeps the client secret out of Actuator's {@code env} and {@code configprops} endpoints.
 */
@NullMarked
package io.github.easemobtoken.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
