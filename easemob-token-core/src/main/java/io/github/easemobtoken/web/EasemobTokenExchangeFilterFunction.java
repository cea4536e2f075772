package io.github.easemobtoken.web;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends every request with {@code Authorization: Bearer <app token>}, replacing any
 * {@code Authorization} header it had. When Easemob answers 401, the filter reports the
 * token it sent to the {@link EasemobTokenProvider}, releases the 401's body and sends the
 * request once more with the token the provider then gives. The answer to that second
 * request reaches the caller unchanged, whatever it is. If the provider keeps the rejected
 * token (it was obtained less than {@code easemob.token.min-request-interval} ago), the 401
 * reaches the caller as it came, without a second request.
 * <p>
 * The retry writes the request body a second time. Bodies set with
 * {@code bodyValue(...)} or from a publisher that can be subscribed again are fine; for a
 * body that can be written only once (a stream), set the request attribute
 * {@link #RETRY_ON_UNAUTHORIZED} to {@code false}, and the first 401 reaches the caller
 * (the token is still reported, so the next call gets a new one).
 *
 * @author easemob-token
 */
public final class EasemobTokenExchangeFilterFunction implements ExchangeFilterFunction {

	/**
	 * Request attribute: {@code false} to never resend this request after a 401.
	 */
	public static final String RETRY_ON_UNAUTHORIZED = EasemobTokenExchangeFilterFunction.class.getName()
			+ ".retryOnUnauthorized";

	private final EasemobTokenProvider tokenProvider;

	/**
	 * Create a filter.
	 * @param tokenProvider where the token comes from
	 */
	public EasemobTokenExchangeFilterFunction(EasemobTokenProvider tokenProvider) {
		this.tokenProvider = tokenProvider;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		EasemobToken fresh = this.tokenProvider.getFreshToken();
		if (fresh != null) {
			return exchange(request, next, fresh);
		}
		return this.tokenProvider.getToken().flatMap((token) -> exchange(request, next, token));
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, EasemobToken token) {
		return next.exchange(withToken(request, token))
			.flatMap((response) -> isUnauthorized(response) ? retry(request, next, token, response) : Mono.just(response));
	}

	private Mono<ClientResponse> retry(ClientRequest request, ExchangeFunction next, EasemobToken rejected,
			ClientResponse unauthorized) {
		this.tokenProvider.invalidate(rejected);
		if (Boolean.FALSE.equals(request.attribute(RETRY_ON_UNAUTHORIZED).orElse(null))) {
			return Mono.just(unauthorized);
		}
		Mono<Void> release = unauthorized.releaseBody().cache();
		return this.tokenProvider.getToken()
			.onErrorResume((ex) -> release.then(Mono.error(ex)))
			.flatMap((fresh) -> fresh.accessToken().equals(rejected.accessToken()) ? Mono.just(unauthorized)
					: release.then(next.exchange(withToken(request, fresh))).doOnNext((second) -> {
						if (isUnauthorized(second)) {
							this.tokenProvider.invalidate(fresh);
						}
					}))
			.doOnCancel(() -> release.subscribe(null, (ex) -> {
			}));
	}

	private static boolean isUnauthorized(ClientResponse response) {
		return response.statusCode().value() == HttpStatus.UNAUTHORIZED.value();
	}

	private static ClientRequest withToken(ClientRequest request, EasemobToken token) {
		return ClientRequest.from(request)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, token.authorization()))
			.build();
	}

	@Override
	public String toString() {
		return "EasemobTokenExchangeFilterFunction[" + this.tokenProvider + "]";
	}

}
