package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeoutException;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client of {@code POST {host}/{org_name}/{app_name}/token}: sends exactly the
 * request of the API page and turns every outcome into a token or an
 * {@link EasemobTokenRequestException}.
 * <p>
 * Bodies travel as bytes, so that Spring's codecs, which log what they encode and decode
 * at DEBUG and TRACE, never see the client secret or the token.
 *
 * @author easemob-token
 */
public final class EasemobTokenEndpoint {

	private static final byte[] NO_BODY = new byte[0];

	private final WebClient webClient;

	private final EasemobApp app;

	private final byte[] requestBody;

	private final Duration responseTimeout;

	private final TokenResponseReader reader;

	private final InstantSource clock;

	private final EasemobCredentials credentials;

	private final @Nullable Duration ttl;

	private final TtlUnit ttlUnit;

	/**
	 * Create a client of the token endpoint.
	 * @param webClient the client to send the request with; it must not carry the
	 * bearer filter
	 * @param app the app whose token to request
	 * @param credentials the app's client ID and secret
	 * @param ttl the lifetime to request, {@code null} to leave it to the console's
	 * setting, zero for a token that never expires
	 * @param ttlUnit the unit of {@code ttl} and {@code expires_in} on the wire
	 * @param responseTimeout the longest a request may take, from sending to the whole
	 * answer
	 * @param clock the source of the current time
	 */
	public EasemobTokenEndpoint(WebClient webClient, EasemobApp app, EasemobCredentials credentials,
			@Nullable Duration ttl, TtlUnit ttlUnit, Duration responseTimeout, InstantSource clock) {
		this.webClient = webClient;
		this.app = app;
		this.requestBody = requestBody(credentials, ttl, ttlUnit);
		this.responseTimeout = responseTimeout;
		this.reader = new TokenResponseReader(app, ttlUnit, credentials.clientSecret(), clock);
		this.clock = clock;
		this.credentials = credentials;
		this.ttl = ttl;
		this.ttlUnit = ttlUnit;
	}

	/**
	 * This client reading the time from {@code clock}: the expiry instants of the tokens it
	 * returns are on that clock.
	 * @param clock the source of the current time
	 * @return this client if it already uses {@code clock}, else a copy that does
	 */
	public EasemobTokenEndpoint withClock(InstantSource clock) {
		return (clock == this.clock) ? this
				: new EasemobTokenEndpoint(this.webClient, this.app, this.credentials, this.ttl, this.ttlUnit,
						this.responseTimeout, clock);
	}

	private static byte[] requestBody(EasemobCredentials credentials, @Nullable Duration ttl, TtlUnit ttlUnit) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode body = json.createObjectNode()
			.put("grant_type", "client_credentials")
			.put("client_id", credentials.clientId())
			.put("client_secret", credentials.clientSecret());
		if (ttl != null) {
			body.put("ttl", ttlUnit.toWire(ttl));
		}
		return json.writeValueAsBytes(body);
	}

	/**
	 * Request a new token. The returned {@link Mono} emits the token or fails with an
	 * {@link EasemobTokenRequestException}, within the response timeout.
	 * @return the token
	 */
	public Mono<EasemobToken> requestToken() {
		return Mono.defer(() -> {
			Instant requestedAt = this.clock.instant();
			return this.webClient.post()
				.uri(this.app.tokenUri())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.bodyValue(this.requestBody)
				.exchangeToMono((response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(NO_BODY)
					.map((body) -> this.reader.read(response.statusCode().value(), response.headers().asHttpHeaders(),
							body, requestedAt)));
		})
			.timeout(this.responseTimeout)
			.onErrorMap((ex) -> !(ex instanceof EasemobTokenRequestException), this::transportFailure);
	}

	private EasemobTokenRequestException transportFailure(Throwable ex) {
		String where = "token request to " + this.app.tokenUri();
		if (ex instanceof TimeoutException || hasTimeoutCause(ex)) {
			return new EasemobTokenRequestException(TokenFailureReason.TIMEOUT.tag() + ": no complete answer to the "
					+ where + " within " + this.responseTimeout.toMillis()
					+ " ms — check easemob.host, or raise easemob.response-timeout / easemob.connect-timeout",
					TokenFailureReason.TIMEOUT, 0, null, null, null, ex);
		}
		if (ex instanceof DataBufferLimitException || ex instanceof CodecException) {
			return new EasemobTokenRequestException(TokenFailureReason.MALFORMED_RESPONSE.tag()
					+ ": the answer to the " + where + " could not be read (" + ex.getClass().getSimpleName()
					+ ") — check easemob.host", TokenFailureReason.MALFORMED_RESPONSE, 0, null, null, null, ex);
		}
		return new EasemobTokenRequestException(TokenFailureReason.IO_ERROR.tag() + ": the " + where + " failed: "
				+ describe(ex) + " — check easemob.host and the network", TokenFailureReason.IO_ERROR, 0, null, null,
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
