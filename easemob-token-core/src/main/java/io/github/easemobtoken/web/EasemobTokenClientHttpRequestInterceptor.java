package io.github.easemobtoken.web;

import java.io.IOException;
import java.time.Duration;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The {@code RestClient} and {@code RestTemplate} counterpart of
 * {@link EasemobTokenExchangeFilterFunction}: sends every request with
 * {@code Authorization: Bearer <app token>}, replacing any {@code Authorization} header it
 * had. When Easemob answers 401, the interceptor reports the token it sent to the
 * {@link EasemobTokenProvider}, closes the 401 and sends the request once more with the
 * token the provider then gives; the answer to that second request reaches the caller
 * unchanged, whatever it is. If the provider keeps the rejected token (it was obtained less
 * than {@code easemob.token.min-request-interval} ago), the 401 reaches the caller as it
 * came, without a second request.
 * <p>
 * The calling thread blocks only when there is no valid token: it then waits for the one
 * token request in flight, which itself ends within the response timeout, and gets an
 * {@link EasemobTokenUnavailableException} when no token comes. As a backstop the wait is
 * cut at the given wait plus one second. Interceptors see the request
 * body as bytes, so resending it after a 401 is always safe.
 *
 * @author easemob-token
 */
public final class EasemobTokenClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	/** Lets the provider's own, more precise, failure arrive first. */
	private static final Duration GRACE = Duration.ofSeconds(1);

	private final EasemobTokenProvider tokenProvider;

	private final Duration maxWait;

	private final EasemobSettingKeys keys;

	private final Scheduler timer;

	/**
	 * Create an interceptor for the app {@code default}.
	 * @param tokenProvider where the token comes from
	 * @param maxWait how long a caller waits for a token when there is no valid one: the
	 * response timeout of the token request ({@code easemob.response-timeout})
	 */
	public EasemobTokenClientHttpRequestInterceptor(EasemobTokenProvider tokenProvider, Duration maxWait) {
		this(tokenProvider, maxWait, EasemobSettingKeys.DEFAULT);
	}

	/**
	 * Create an interceptor.
	 * @param tokenProvider where the token comes from
	 * @param maxWait how long a caller waits for a token when there is no valid one: the
	 * response timeout of the token request
	 * @param keys the keys of the app, which the error names when no token comes
	 */
	public EasemobTokenClientHttpRequestInterceptor(EasemobTokenProvider tokenProvider, Duration maxWait,
			EasemobSettingKeys keys) {
		this(tokenProvider, maxWait, keys, Schedulers.parallel());
	}

	/**
	 * Create an interceptor whose wait for a token is timed on {@code timer}.
	 * @param tokenProvider where the token comes from
	 * @param maxWait how long a caller waits for a token when there is no valid one: the
	 * response timeout of the token request
	 * @param keys the keys of the app, which the error names when no token comes
	 * @param timer the scheduler that times the wait
	 */
	public EasemobTokenClientHttpRequestInterceptor(EasemobTokenProvider tokenProvider, Duration maxWait,
			EasemobSettingKeys keys, Scheduler timer) {
		this.timer = timer;
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
		}
		this.tokenProvider = tokenProvider;
		this.maxWait = maxWait;
		this.keys = keys;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		EasemobToken sent = token();
		ClientHttpResponse response = execute(request, body, execution, sent);
		if (!isUnauthorized(response)) {
			return response;
		}
		this.tokenProvider.invalidate(sent);
		EasemobToken fresh;
		try {
			fresh = token();
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (fresh.accessToken().equals(sent.accessToken())) {
			return response;
		}
		response.close();
		ClientHttpResponse second = execute(request, body, execution, fresh);
		if (isUnauthorized(second)) {
			this.tokenProvider.invalidate(fresh);
		}
		return second;
	}

	private EasemobToken token() {
		EasemobToken fresh = this.tokenProvider.getFreshToken();
		if (fresh != null) {
			return fresh;
		}
		Duration wait = this.maxWait.plus(GRACE);
		EasemobToken token = this.tokenProvider.getToken()
			.timeout(wait, Mono.error(() -> new EasemobTokenUnavailableException("No Easemob app token within "
					+ wait.toMillis() + " ms — check " + this.keys.key("host") + ", or raise "
					+ this.keys.key("response-timeout"), null, null)), this.timer)
			.block();
		if (token == null) {
			throw new EasemobTokenUnavailableException("The Easemob token provider completed without a token", null,
					null);
		}
		return token;
	}

	private static ClientHttpResponse execute(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			EasemobToken token) throws IOException {
		request.getHeaders().set(HttpHeaders.AUTHORIZATION, token.authorization());
		return execution.execute(request, body);
	}

	private static boolean isUnauthorized(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value();
	}

	@Override
	public String toString() {
		return "EasemobTokenClientHttpRequestInterceptor[" + this.tokenProvider + "]";
	}

}
