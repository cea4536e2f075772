/**
 * Puts the app token on Easemob API calls: the
 * {@link io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction} for
 * {@code WebClient}.
 */
@NullMarked
package io.github.easemobtoken.web;

import org.jspecify.annotations.NullMarked;
