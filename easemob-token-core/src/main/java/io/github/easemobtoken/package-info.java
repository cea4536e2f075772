/**
 * The public API of easemob-token: the {@link io.github.easemobtoken.EasemobTokenProvider}
 * that hands out the Easemob app token, the token value and the errors a caller can get.
 */
@NullMarked
package io.github.easemobtoken;

import org.jspecify.annotations.NullMarked;
