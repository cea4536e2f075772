/**
 * JSON with whichever Jackson the application has.
 */
@NullMarked
package io.github.easemobtoken.json;

import org.jspecify.annotations.NullMarked;
