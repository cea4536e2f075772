package io.github.easemobtoken;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An Easemob app token (admin token) as issued by {@code POST /{org}/{app}/token}.
 * <p>
 * {@link #toString()} shows at most the last four characters of the token, so a token
 * can be logged or put in an exception message without giving it away.
 *
 * @author easemob-token
 */
public final class EasemobToken {

	private final String accessToken;

	private final @Nullable Instant expiresAt;

	private final @Nullable String application;

	private final String authorization;

	/**
	 * Create a token.
	 * @param accessToken the {@code access_token} to send as {@code Authorization: Bearer}
	 * @param expiresAt when the token expires, or {@code null} for a token that never
	 * expires ({@code expires_in = 0})
	 * @param application the {@code application} UUID of the app, if the response had one
	 */
	public EasemobToken(String accessToken, @Nullable Instant expiresAt, @Nullable String application) {
		if (accessToken.isBlank()) {
			throw new IllegalArgumentException("accessToken must not be blank");
		}
		if (!isHeaderSafe(accessToken)) {
			throw new IllegalArgumentException("accessToken has characters not allowed in an Authorization header "
					+ "(only visible ASCII, no spaces)");
		}
		this.accessToken = accessToken;
		this.expiresAt = expiresAt;
		this.application = application;
		this.authorization = "Bearer " + accessToken;
	}

	/**
	 * Whether {@code accessToken} can be sent as {@code Authorization: Bearer <accessToken>}:
	 * visible ASCII only, no spaces, no control characters (a CR or LF would split the header).
	 * @param accessToken the candidate
	 * @return {@code true} when every character is between {@code !} and {@code ~}
	 */
	public static boolean isHeaderSafe(String accessToken) {
		for (int i = 0; i < accessToken.length(); i++) {
			char c = accessToken.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The token to send as {@code Authorization: Bearer <accessToken>}. Never log it.
	 * @return the access token
	 */
	public String accessToken() {
		return this.accessToken;
	}

	/**
	 * The value of the {@code Authorization} header that carries this token,
	 * {@code Bearer <accessToken>}, built once. Never log it.
	 * @return the header value
	 */
	public String authorization() {
		return this.authorization;
	}

	/**
	 * When the token expires; empty for a token that never expires.
	 * @return the expiry instant, if any
	 */
	public Optional<Instant> expiresAt() {
		return Optional.ofNullable(this.expiresAt);
	}

	/**
	 * Whether Easemob issued the token without an expiry ({@code expires_in = 0}).
	 * @return {@code true} for a permanent token
	 */
	public boolean isPermanent() {
		return this.expiresAt == null;
	}

	/**
	 * Whether the token has expired at the given instant.
	 * @param now the instant to check
	 * @return {@code true} when the token has an expiry and it is not after {@code now}
	 */
	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

	/**
	 * The UUID of the Easemob app the token belongs to ({@code application}).
	 * @return the application UUID, or empty when the response did not include it
	 */
	public Optional<String> application() {
		return Optional.ofNullable(this.application);
	}

	/**
	 * The token shortened to what may appear in a log: an ellipsis and its last four
	 * characters (fewer for a very short token).
	 * @return the redacted token
	 */
	public String redacted() {
		return redact(this.accessToken);
	}

	/** An ellipsis and the last four characters, fewer for a very short token: all a log may show. */
	static String redact(String token) {
		int shown = Math.min(4, token.length() / 4);
		return "…" + token.substring(token.length() - shown);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof EasemobToken that && this.accessToken.equals(that.accessToken)
				&& Objects.equals(this.expiresAt, that.expiresAt) && Objects.equals(this.application, that.application);
	}

	@Override
	public int hashCode() {
		return this.accessToken.hashCode();
	}

	@Override
	public String toString() {
		return "EasemobToken[accessToken=" + redacted() + ", expiresAt=" + ((this.expiresAt != null) ? this.expiresAt : "never")
				+ ", application=" + this.application + "]";
	}

}
