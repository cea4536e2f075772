package io.github.easemobtoken;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * No valid token can be had right now: the last token request failed, or the next one is
 * not yet allowed (backoff, or the {@code easemob.token.min-request-interval} floor). Each
 * caller gets its own instance; the last failure, if any, is its cause.
 *
 * @author easemob-token
 */
public class EasemobTokenUnavailableException extends EasemobTokenException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Instant nextAttemptAt;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param lastFailure the last failed token request, if any
	 * @param nextAttemptAt when the next token request is allowed, if known
	 */
	public EasemobTokenUnavailableException(String message, @Nullable EasemobTokenRequestException lastFailure,
			@Nullable Instant nextAttemptAt) {
		super(message, lastFailure);
		this.nextAttemptAt = nextAttemptAt;
	}

	/**
	 * The failed token request that left no valid token, if there was one.
	 * @return the last failure, or {@code null}
	 */
	public @Nullable EasemobTokenRequestException getLastFailure() {
		return (getCause() instanceof EasemobTokenRequestException failure) ? failure : null;
	}

	/**
	 * When the provider will next ask Easemob for a token.
	 * @return the instant, or {@code null} when unknown
	 */
	public @Nullable Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

}
