/**
 * Puts the app token on Easemob API calls: the
 * {@link io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction} for
 * {@code WebClient}, and the
 * {@link io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor} for
 * {@code RestClient} and {@code RestTemplate}.
 */
@NullMarked
package io.github.easemobtoken.web;

import org.jspecify.annotations.NullMarked;
