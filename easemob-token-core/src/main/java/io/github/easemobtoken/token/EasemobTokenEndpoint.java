package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.json.JsonObjects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * The client of {@code POST {host}/{org_name}/{app_name}/token}: sends exactly the
 * request of the API page and turns every outcome into a token or an
 * {@link EasemobTokenRequestException}.
 * <p>
 * It talks to spring-web's {@link ClientHttpConnector} directly, with no {@code WebClient}
 * and no codecs: Spring's codecs log what they encode and decode at DEBUG and TRACE, so
 * they must never see the client secret or the token, and without {@code WebClient} the
 * token request needs no Spring WebFlux (a Spring MVC application can leave it out).
 *
 * @author easemob-token
 */
public final class EasemobTokenEndpoint {

	private static final byte[] NO_BODY = new byte[0];

	/** As much as {@code WebClient} reads by default; a token answer is a few hundred bytes. */
	private static final int MAX_RESPONSE_BYTES = 256 * 1024;

	private final ClientHttpConnector connector;

	private final EasemobApp app;

	private final byte[] requestBody;

	private final Duration responseTimeout;

	private final TokenResponseReader reader;

	private final InstantSource clock;

	private final EasemobCredentials credentials;

	private final @Nullable Duration ttl;

	private final TtlUnit ttlUnit;

	private final EasemobSettingKeys keys;

	/**
	 * Create a client of the token endpoint.
	 * @param connector the HTTP client to send the request with
	 * @param app the app whose token to request
	 * @param credentials the app's client ID and secret
	 * @param ttl the lifetime to request, {@code null} to leave it to the console's
	 * setting, zero for a token that never expires
	 * @param ttlUnit the unit of {@code ttl} and {@code expires_in} on the wire
	 * @param responseTimeout the longest a request may take, from sending to the whole
	 * answer
	 * @param clock the source of the current time
	 */
	public EasemobTokenEndpoint(ClientHttpConnector connector, EasemobApp app, EasemobCredentials credentials,
			@Nullable Duration ttl, TtlUnit ttlUnit, Duration responseTimeout, InstantSource clock) {
		this(connector, app, credentials, ttl, ttlUnit, responseTimeout, clock, EasemobSettingKeys.DEFAULT);
	}

	private EasemobTokenEndpoint(ClientHttpConnector connector, EasemobApp app, EasemobCredentials credentials,
			@Nullable Duration ttl, TtlUnit ttlUnit, Duration responseTimeout, InstantSource clock,
			EasemobSettingKeys keys) {
		this.connector = connector;
		this.app = app;
		this.requestBody = requestBody(credentials, ttl, ttlUnit);
		this.responseTimeout = responseTimeout;
		this.reader = new TokenResponseReader(app, ttlUnit, credentials.clientSecret(), clock, keys);
		this.clock = clock;
		this.credentials = credentials;
		this.ttl = ttl;
		this.ttlUnit = ttlUnit;
		this.keys = keys;
	}

	/**
	 * This client reading the time from {@code clock}: the expiry instants of the tokens it
	 * returns are on that clock.
	 * @param clock the source of the current time
	 * @return this client if it already uses {@code clock}, else a copy that does
	 */
	public EasemobTokenEndpoint withClock(InstantSource clock) {
		return (clock == this.clock) ? this
				: new EasemobTokenEndpoint(this.connector, this.app, this.credentials, this.ttl, this.ttlUnit,
						this.responseTimeout, clock, this.keys);
	}

	/**
	 * This client naming {@code keys} in the advice of its errors.
	 * @param keys the app's property keys
	 * @return this client if it already names them, else a copy that does
	 */
	public EasemobTokenEndpoint withSettingKeys(EasemobSettingKeys keys) {
		return keys.equals(this.keys) ? this
				: new EasemobTokenEndpoint(this.connector, this.app, this.credentials, this.ttl, this.ttlUnit,
						this.responseTimeout, this.clock, keys);
	}

	private static byte[] requestBody(EasemobCredentials credentials, @Nullable Duration ttl, TtlUnit ttlUnit) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credentials");
		body.put("client_id", credentials.clientId());
		body.put("client_secret", credentials.clientSecret());
		if (ttl != null) {
			body.put("ttl", ttlUnit.toWire(ttl));
		}
		return JsonObjects.write(body);
	}

	/**
	 * Request a new token. The returned {@link Mono} emits the token or fails with an
	 * {@link EasemobTokenRequestException}, within the response timeout.
	 * @return the token
	 */
	public Mono<EasemobToken> requestToken() {
		return requestToken(Schedulers.parallel());
	}

	/**
	 * Request a new token, timed on {@code timer}: the emitted token, or an
	 * {@link EasemobTokenRequestException}, within the response timeout.
	 * @param timer the scheduler that times the response timeout
	 * @return the token
	 */
	public Mono<EasemobToken> requestToken(Scheduler timer) {
		return Mono.defer(() -> {
			Instant requestedAt = this.clock.instant();
			return this.connector.connect(HttpMethod.POST, this.app.tokenUri(), this::write)
				.flatMap((response) -> body(response).map((body) -> this.reader.read(response.getStatusCode().value(),
						response.getHeaders(), body, requestedAt)));
		})
			.timeout(this.responseTimeout, timer)
			.onErrorMap((ex) -> !(ex instanceof EasemobTokenRequestException), this::transportFailure);
	}

	private Mono<Void> write(ClientHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.setContentLength(this.requestBody.length);
		return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(this.requestBody)));
	}

	private static Mono<byte[]> body(ClientHttpResponse response) {
		return DataBufferUtils.join(response.getBody(), MAX_RESPONSE_BYTES)
			.map(EasemobTokenEndpoint::bytes)
			.defaultIfEmpty(NO_BODY);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private EasemobTokenRequestException transportFailure(Throwable ex) {
		String where = "token request to " + this.app.tokenUri();
		if (ex instanceof TimeoutException || hasTimeoutCause(ex)) {
			return new EasemobTokenRequestException(TokenFailureReason.TIMEOUT.tag() + ": no complete answer to the "
					+ where + " within " + this.responseTimeout.toMillis()
					+ " ms — check " + this.keys.key("host") + ", or raise " + this.keys.key("response-timeout")
					+ " / " + this.keys.key("connect-timeout"),
					TokenFailureReason.TIMEOUT, 0, null, null, null, ex);
		}
		if (ex instanceof DataBufferLimitException) {
			return new EasemobTokenRequestException(TokenFailureReason.MALFORMED_RESPONSE.tag()
					+ ": the answer to the " + where + " could not be read (" + ex.getClass().getSimpleName()
					+ ") — check " + this.keys.key("host"), TokenFailureReason.MALFORMED_RESPONSE, 0, null, null, null, ex);
		}
		return new EasemobTokenRequestException(TokenFailureReason.IO_ERROR.tag() + ": the " + where + " failed: "
				+ describe(ex) + " — check " + this.keys.key("host") + " and the network", TokenFailureReason.IO_ERROR, 0,
				null, null,
				null, ex);
	}

	private static boolean hasTimeoutCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
					|| cause.getClass().getSimpleName().endsWith("TimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * The app whose token this client requests.
	 * @return the app
	 */
	public EasemobApp app() {
		return this.app;
	}

	/**
	 * The longest a token request may take.
	 * @return the response timeout
	 */
	public Duration responseTimeout() {
		return this.responseTimeout;
	}

	@Override
	public String toString() {
		return "EasemobTokenEndpoint[" + this.app.tokenUri() + "]";
	}

}
