package io.github.easemobtoken;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A request to the token endpoint failed. Carries the HTTP status, Easemob's
 * {@code error} and {@code error_description} when there was an answer, and a message
 * that says what to fix.
 *
 * @author easemob-token
 */
public class EasemobTokenRequestException extends EasemobTokenException {

	private static final long serialVersionUID = 1L;

	private final TokenFailureReason reason;

	private final int statusCode;

	private final @Nullable String error;

	private final @Nullable String errorDescription;

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception.
	 * @param message what happened and what to fix
	 * @param reason the classified reason
	 * @param statusCode the HTTP status, or {@code 0} when no answer was received
	 * @param error Easemob's {@code error} field, if any
	 * @param errorDescription Easemob's {@code error_description} field, if any
	 * @param retryAfter the server's {@code Retry-After}, if any
	 * @param cause the underlying exception, if any
	 */
	public EasemobTokenRequestException(String message, TokenFailureReason reason, int statusCode,
			@Nullable String error, @Nullable String errorDescription, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.statusCode = statusCode;
		this.error = error;
		this.errorDescription = errorDescription;
		this.retryAfter = retryAfter;
	}

	/**
	 * Why the request failed.
	 * @return the reason
	 */
	public TokenFailureReason getReason() {
		return this.reason;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status code, or {@code 0} when no answer was received
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Easemob's {@code error} field, such as {@code invalid_grant}.
	 * @return the error, or {@code null}
	 */
	public @Nullable String getError() {
		return this.error;
	}

	/**
	 * Easemob's {@code error_description} field, such as
	 * {@code client_secret does not match}.
	 * @return the description, or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/**
	 * How long the server asked to wait before the next request ({@code Retry-After}).
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the configuration is wrong (HTTP 400/404 and the like), so that retrying
	 * soon cannot help.
	 * @return {@code true} for a configuration error
	 */
	public boolean isConfigurationError() {
		return this.reason.isConfigurationError();
	}

}
