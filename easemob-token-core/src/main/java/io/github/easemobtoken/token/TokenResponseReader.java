package io.github.easemobtoken.token;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.json.JsonObjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Turns an answer of the token endpoint into a token, or into an
 * {@link EasemobTokenRequestException} that says what to fix. Messages never quote a
 * successful body (it holds the token) and have the client secret blanked out of
 * anything the server sent.
 *
 * @author easemob-token
 */
final class TokenResponseReader {

	/**
	 * Lifetimes beyond this are treated as this long: far beyond any real token, and
	 * small enough that instant arithmetic cannot overflow.
	 */
	static final Duration LONGEST_LIFETIME = TtlUnit.LONGEST_LIFETIME;

	private static final Log logger = LogFactory.getLog(TokenResponseReader.class);

	private static final String CONSOLE = "Easemob console → your app → Application Info (应用详情)";

	private final EasemobApp app;

	private final TtlUnit ttlUnit;

	private final String secret;

	private final InstantSource clock;

	private final EasemobSettingKeys keys;

	TokenResponseReader(EasemobApp app, TtlUnit ttlUnit, String secret, InstantSource clock, EasemobSettingKeys keys) {
		this.app = app;
		this.ttlUnit = ttlUnit;
		this.secret = secret;
		this.clock = clock;
		this.keys = keys;
	}

	EasemobToken read(int status, HttpHeaders headers, byte[] body, Instant requestedAt) {
		if (status >= 200 && status < 300) {
			return token(status, headers, body, requestedAt);
		}
		Map<?, ?> error = JsonObjects.readObject(body);
		String errorType = scrub(text(error, "error"));
		String description = scrub(text(error, "error_description"));
		TokenFailureReason reason = classify(status, errorType);
		Duration retryAfter = (reason == TokenFailureReason.RATE_LIMITED || reason == TokenFailureReason.SERVER_ERROR)
				? retryAfter(headers) : null;
		String said = (description != null) ? description : (errorType != null) ? errorType : "no error description";
		String message = reason.tag() + " (HTTP " + status + "): " + said + " — " + advice(reason, status, description, headers);
		throw new EasemobTokenRequestException(message, reason, status, errorType, description, retryAfter, null);
	}

	private EasemobToken token(int status, HttpHeaders headers, byte[] body, Instant requestedAt) {
		if (body.length == 0) {
			throw malformed(status, "the body is empty");
		}
		Object parsed;
		try {
			parsed = JsonObjects.read(body);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(status, "the body is not JSON (Content-Type " + headers.getContentType() + ", "
					+ body.length + " bytes)");
		}
		if (!(parsed instanceof Map<?, ?> root)) {
			throw malformed(status, "the body is JSON but not an object");
		}
		if (!(root.get("access_token") instanceof String accessToken) || accessToken.isBlank()) {
			throw malformed(status, "access_token is missing or not a string");
		}
		if (!EasemobToken.isHeaderSafe(accessToken)) {
			// Not quoted: whatever it is, it may be a token.
			throw malformed(status, "access_token has characters not allowed in an Authorization header");
		}
		return new EasemobToken(accessToken, expiresAt(status, root.get("expires_in"), requestedAt),
				(root.get("application") instanceof String application) ? application : null);
	}

	private @Nullable Instant expiresAt(int status, @Nullable Object expiresIn, Instant requestedAt) {
		if (expiresIn == null) {
			throw malformed(status, "expires_in is missing");
		}
		if (!(expiresIn instanceof Integer || expiresIn instanceof Long || expiresIn instanceof BigInteger)) {
			throw malformed(status, "expires_in is not a whole number: " + JsonObjects.show(expiresIn));
		}
		if (expiresIn instanceof BigInteger big && big.bitLength() > 63) {
			throw malformed(status, "expires_in is out of range: " + expiresIn);
		}
		long value = ((Number) expiresIn).longValue();
		if (value < 0) {
			throw malformed(status, "expires_in is negative: " + value);
		}
		if (value == 0) {
			return null;
		}
		Duration lifetime = this.ttlUnit.fromWire(value);
		if (lifetime.compareTo(LONGEST_LIFETIME) > 0) {
			logger.warn("Easemob answered expires_in " + value + " (" + this.ttlUnit.name().toLowerCase(Locale.ROOT)
					+ ") for app " + this.app.appKey() + ", more than 100 years; using the token as valid for 100 years. "
					+ "If your cluster answers in milliseconds (VIP 5), set " + this.keys.key("ttl-unit") + "=milliseconds");
			return requestedAt.plus(LONGEST_LIFETIME);
		}
		return requestedAt.plus(lifetime);
	}

	private EasemobTokenRequestException malformed(int status, String what) {
		return new EasemobTokenRequestException(
				TokenFailureReason.MALFORMED_RESPONSE.tag() + " (HTTP " + status + "): " + what
						+ " — the token endpoint " + this.app.tokenUri() + " did not answer like Easemob; check "
						+ this.keys.key("host"),
				TokenFailureReason.MALFORMED_RESPONSE, status, null, null, null, null);
	}

	private static TokenFailureReason classify(int status, @Nullable String errorType) {
		if (status == 400 && "invalid_grant".equals(errorType)) {
			return TokenFailureReason.INVALID_GRANT;
		}
		if (status == 400 && "illegal_argument".equals(errorType)) {
			return TokenFailureReason.ILLEGAL_ARGUMENT;
		}
		if (status == 404 && "organization_application_not_found".equals(errorType)) {
			return TokenFailureReason.ORGANIZATION_APPLICATION_NOT_FOUND;
		}
		if (status == 408) {
			return TokenFailureReason.TIMEOUT;
		}
		if (status == 429) {
			return TokenFailureReason.RATE_LIMITED;
		}
		return (status >= 500) ? TokenFailureReason.SERVER_ERROR : TokenFailureReason.CLIENT_ERROR;
	}

	private String advice(TokenFailureReason reason, int status, @Nullable String description, HttpHeaders headers) {
		return switch (reason) {
			case INVALID_GRANT, ILLEGAL_ARGUMENT -> "check " + credentialKeys(description)
					+ ": it must be the one shown for app " + this.app.appKey() + " in the " + CONSOLE;
			case ORGANIZATION_APPLICATION_NOT_FOUND -> "check " + this.keys.key("org-name") + " and "
					+ this.keys.key("app-name") + " (or " + this.keys.key("app-key") + "): "
					+ "there is no app " + this.app.appKey() + " on " + this.app.host()
					+ "; also check " + this.keys.key("host") + " against 'Rest Api' in the " + CONSOLE;
			case RATE_LIMITED -> "the token endpoint's rate limit was reached; the next request waits for the backoff";
			case SERVER_ERROR -> "Easemob had a server error; the next request waits for the backoff";
			case TIMEOUT -> "the request timed out at the server; the next request waits for the backoff";
			case CLIENT_ERROR -> clientErrorAdvice(status, headers);
			case IO_ERROR, MALFORMED_RESPONSE -> "check " + this.keys.key("host");
		};
	}

	private String clientErrorAdvice(int status, HttpHeaders headers) {
		if (status >= 300 && status < 400) {
			return "the token endpoint " + this.app.tokenUri() + " redirects to " + headers.getLocation()
					+ "; set " + this.keys.key("host") + " to the 'Rest Api' address in the " + CONSOLE;
		}
		if (status == 401 || status == 403) {
			return "Easemob refused the credentials; check " + this.keys.key("client-id") + " and "
					+ this.keys.key("client-secret") + " in the "
					+ CONSOLE;
		}
		return "check " + this.keys.key("host") + ", " + this.keys.key("org-name") + " and " + this.keys.key("app-name")
				+ " against the " + CONSOLE;
	}

	private String credentialKeys(@Nullable String description) {
		String lower = (description != null) ? description.toLowerCase(Locale.ROOT) : "";
		if (lower.contains("client_secret")) {
			return this.keys.key("client-secret") + " (ClientSecret)";
		}
		if (lower.contains("client_id")) {
			return this.keys.key("client-id") + " (Client ID)";
		}
		return this.keys.key("client-id") + " (Client ID) and " + this.keys.key("client-secret")
				+ " (ClientSecret)";
	}

	private @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		value = value.trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				long date = headers.getDate();
				Instant now = (date > 0) ? Instant.ofEpochMilli(date) : this.clock.instant();
				Duration wait = Duration.between(now, until);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	private static @Nullable String text(@Nullable Map<?, ?> object, String field) {
		Object value = (object != null) ? object.get(field) : null;
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

	private @Nullable String scrub(@Nullable String serverText) {
		return (serverText != null) ? serverText.replace(this.secret, "******") : null;
	}

}
