package io.github.easemobtoken;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An Easemob user token: what a client SDK logs in with, for one user. Issued by Easemob
 * ({@link EasemobUserTokens#issue(String)}) or signed locally
 * ({@link EasemobUserTokens#dynamic(String)}). {@link #toString()} shows only the last four
 * characters of the token.
 *
 * @author easemob-token
 */
public final class EasemobUserToken {

	private final String accessToken;

	private final String username;

	private final @Nullable Instant expiresAt;

	private final @Nullable String userUuid;

	/**
	 * Create a user token.
	 * @param accessToken the token
	 * @param username the user it is for
	 * @param expiresAt when it expires, {@code null} for never
	 * @param userUuid the user's UUID, when Easemob said it
	 */
	public EasemobUserToken(String accessToken, String username, @Nullable Instant expiresAt,
			@Nullable String userUuid) {
		this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
		this.username = Objects.requireNonNull(username, "username");
		this.expiresAt = expiresAt;
		this.userUuid = userUuid;
	}

	/**
	 * The token, for the client SDK to log in with.
	 * @return the token
	 */
	public String accessToken() {
		return this.accessToken;
	}

	/**
	 * The user the token is for.
	 * @return the username (Easemob's user ID)
	 */
	public String username() {
		return this.username;
	}

	/**
	 * When the token expires.
	 * @return the instant, or empty for a token that never expires
	 */
	public Optional<Instant> expiresAt() {
		return Optional.ofNullable(this.expiresAt);
	}

	/**
	 * The user's UUID, as Easemob answered it with an issued token.
	 * @return the UUID, or empty (always for a dynamic token)
	 */
	public Optional<String> userUuid() {
		return Optional.ofNullable(this.userUuid);
	}

	/**
	 * The token shortened to what may appear in a log: an ellipsis and its last four
	 * characters (fewer for a very short token).
	 * @return the redacted token
	 */
	public String redacted() {
		return EasemobToken.redact(this.accessToken);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof EasemobUserToken that && this.accessToken.equals(that.accessToken)
				&& this.username.equals(that.username) && Objects.equals(this.expiresAt, that.expiresAt);
	}

	@Override
	public int hashCode() {
		return this.accessToken.hashCode();
	}

	@Override
	public String toString() {
		return "EasemobUserToken[username=" + this.username + ", accessToken=" + redacted() + ", expiresAt="
				+ ((this.expiresAt != null) ? this.expiresAt : "never") + "]";
	}

}
