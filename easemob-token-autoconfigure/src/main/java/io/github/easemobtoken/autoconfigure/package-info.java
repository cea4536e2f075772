/**
 * Auto-configuration of easemob-token: properties, beans and the failure analyzer that
 * explains a wrong configuration.
 */
@NullMarked
package io.github.easemobtoken.autoconfigure;

import org.jspecify.annotations.NullMarked;
