package io.github.easemobtoken.user;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokenException;
import io.github.easemobtoken.json.JsonObjects;
import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;

/**
 * The client of {@code POST {host}/{org_name}/{app_name}/token} with {@code grant_type}
 * {@code inherit}: a user token for a username, requested with the app's token. It sends
 * exactly the request of the user-token page; each send, a resend included, takes a permit
 * of the app's {@link UserTokenLimiter} first. A 401 invalidates the app token and sends once
 * more (the one 401 rule); a 409 {@code concurrent_operation_error} is sent once more after
 * 1 s; every other failure is an {@link EasemobUserTokenException}. Like the app token's
 * client, it uses the {@link ClientHttpConnector} directly: no codec ever logs a token.
 *
 * @author easemob-token
 */
public final class UserTokenEndpoint {

	/** How long to wait before the one resend after a 409 {@code concurrent_operation_error}. */
	public static final Duration CONCURRENT_OPERATION_RETRY_DELAY = Duration.ofSeconds(1);

	private static final int MAX_RESPONSE_BYTES = 256 * 1024;

	private static final byte[] NO_BODY = new byte[0];

	private final ClientHttpConnector connector;

	private final EasemobApp app;

	private final EasemobTokenProvider appTokens;

	private final boolean autoCreateUser;

	private final @Nullable Duration ttl;

	private final TtlUnit ttlUnit;

	private final Duration responseTimeout;

	private final UserTokenLimiter limiter;

	private final Scheduler timer;

	private final InstantSource clock;

	private final EasemobSettingKeys keys;

	/**
	 * Create a client.
	 * @param connector the HTTP client
	 * @param app the app
	 * @param appTokens the app's token provider, whose token the request carries
	 * @param settings the app's user-token settings
	 * @param limiter the app's limit of user-token requests
	 * @param timer the scheduler of timeouts and of the 409 resend
	 * @param clock the source of the current time
	 */
	public UserTokenEndpoint(ClientHttpConnector connector, EasemobApp app, EasemobTokenProvider appTokens,
			UserTokenSettings settings, UserTokenLimiter limiter, Scheduler timer, InstantSource clock) {
		this.connector = connector;
		this.app = app;
		this.appTokens = appTokens;
		this.autoCreateUser = settings.autoCreateUser();
		this.ttl = settings.ttl();
		this.ttlUnit = settings.ttlUnit();
		this.responseTimeout = settings.responseTimeout();
		this.keys = settings.keys();
		this.limiter = limiter;
		this.timer = timer;
		this.clock = clock;
	}

	/**
	 * Request a user token.
	 * @param username the user
	 * @return the token, or an {@link EasemobUserTokenException}
	 */
	public Mono<EasemobUserToken> issue(String username) {
		byte[] body = body(username);
		return attempt(username, body, true, true);
	}

	private Mono<EasemobUserToken> attempt(String username, byte[] body, boolean may401, boolean may409) {
		return this.appTokens.getToken().flatMap((appToken) -> this.limiter.acquire()
			.onErrorMap(UserTokenLimitException.class, (ex) -> limited(username, ex))
			.then(send(appToken, body, username))
			.flatMap((answer) -> {
				if (answer.status() == 401 && may401) {
					this.appTokens.invalidate(appToken);
					return attempt(username, body, false, may409);
				}
				if (answer.status() == 409 && may409 && "concurrent_operation_error".equals(answer.error())) {
					return Mono.delay(CONCURRENT_OPERATION_RETRY_DELAY, this.timer)
						.then(attempt(username, body, may401, false));
				}
				return Mono.fromCallable(() -> read(username, answer));
			}));
	}

	private byte[] body(String username) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "inherit");
		body.put("username", username);
		body.put("autoCreateUser", this.autoCreateUser);
		if (this.ttl != null) {
			body.put("ttl", this.ttlUnit.toWire(this.ttl));
		}
		return JsonObjects.write(body);
	}

	private Mono<Answer> send(EasemobToken appToken, byte[] body, String username) {
		return Mono.defer(() -> {
			Instant sentAt = this.clock.instant();
			return this.connector
				.connect(HttpMethod.POST, this.app.tokenUri(), (request) -> write(request, appToken, body))
				.flatMap((response) -> DataBufferUtils.join(response.getBody(), MAX_RESPONSE_BYTES)
					.map(UserTokenEndpoint::bytes)
					.defaultIfEmpty(NO_BODY)
					.map((bytes) -> Answer.of(response.getStatusCode().value(), bytes, sentAt)));
		})
			.timeout(this.responseTimeout, this.timer)
			.onErrorMap((ex) -> !(ex instanceof EasemobUserTokenException), (ex) -> transportFailure(username, ex));
	}

	private static Mono<Void> write(ClientHttpRequest request, EasemobToken appToken, byte[] body) {
		HttpHeaders headers = request.getHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.set(HttpHeaders.AUTHORIZATION, appToken.authorization());
		headers.setContentLength(body.length);
		return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(body)));
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

	private EasemobUserToken read(String username, Answer answer) {
		if (answer.status() != 200) {
			throw UserTokenFailures.refused(this.app, this.keys, username, answer.status(), answer.error(),
					answer.description());
		}
		Map<?, ?> json = answer.json();
		Object accessToken = (json != null) ? json.get("access_token") : null;
		if (!(accessToken instanceof String token) || token.isEmpty() || !EasemobToken.isHeaderSafe(token)) {
			throw UserTokenFailures.malformed(this.app, username, "no usable access_token");
		}
		Object expiresIn = json.get("expires_in");
		if (!(expiresIn instanceof Number number) || number.doubleValue() < 0
				|| number.doubleValue() != Math.rint(number.doubleValue())) {
			throw UserTokenFailures.malformed(this.app, username,
					"expires_in is not a whole number of " + this.ttlUnit.name().toLowerCase() + ": " + expiresIn);
		}
		long wire = number.longValue();
		Instant expiresAt = (wire == 0) ? null : answer.sentAt().plus(this.ttlUnit.fromWire(wire));
		String uuid = (json.get("user") instanceof Map<?, ?> user && user.get("uuid") instanceof String id) ? id : null;
		return new EasemobUserToken(token, username, expiresAt, uuid);
	}

	private EasemobUserTokenException limited(String username, UserTokenLimitException ex) {
		return new EasemobUserTokenException("user token for '" + username + "' not requested: " + ex.getMessage()
				+ " — raise " + this.keys.key("user-token.max-requests-per-second") + " (Easemob allows 300 token "
				+ "requests a second per app key, app and user tokens together) or "
				+ this.keys.key("response-timeout"), username, 0, null, null, "rate_limited", ex);
	}

	private EasemobUserTokenException transportFailure(String username, Throwable ex) {
		boolean timeout = ex instanceof TimeoutException || ex.getCause() instanceof TimeoutException;
		String what = timeout ? "timeout: no complete answer within " + this.responseTimeout.toMillis() + " ms"
				: "io_error: " + ex.getClass().getSimpleName();
		return new EasemobUserTokenException("user token for '" + username + "': " + what + " from "
				+ this.app.tokenUri() + " — check " + this.keys.key("host") + ", or raise "
				+ this.keys.key("response-timeout"), username, 0, null, null, timeout ? "timeout" : "io_error", ex);
	}

	@Override
	public String toString() {
		return "UserTokenEndpoint[" + this.app.tokenUri() + "]";
	}

	/** What Easemob answered. */
	private record Answer(int status, @Nullable Map<?, ?> json, Instant sentAt) {

		static Answer of(int status, byte[] body, Instant sentAt) {
			Map<?, ?> json;
			try {
				json = (body.length > 0) ? JsonObjects.readObject(body) : null;
			}
			catch (RuntimeException ex) {
				json = null;
			}
			return new Answer(status, json, sentAt);
		}

		@Nullable String error() {
			return (this.json != null && this.json.get("error") instanceof String error) ? error : null;
		}

		@Nullable String description() {
			return (this.json != null && this.json.get("error_description") instanceof String description) ? description
					: null;
		}

	}

}
