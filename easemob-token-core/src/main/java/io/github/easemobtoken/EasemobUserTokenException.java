package io.github.easemobtoken;

import org.jspecify.annotations.Nullable;

/**
 * Easemob refused, or did not answer, a user-token request. Carries the HTTP status, Easemob's
 * {@code error} and {@code error_description} and the username; never a token or the secret.
 *
 * @author easemob-token
 */
public class EasemobUserTokenException extends EasemobTokenException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String error;

	private final @Nullable String errorDescription;

	private final String username;

	private final String reason;

	/**
	 * Create an exception.
	 * @param message what happened and what to do
	 * @param username the user the token was for
	 * @param status the HTTP status, {@code 0} when there was no answer
	 * @param error Easemob's {@code error}, if it answered one
	 * @param errorDescription Easemob's {@code error_description}, if it answered one
	 * @param reason the failure reason, Easemob's {@code error} or {@code server_error},
	 * {@code timeout}, {@code io_error}, {@code malformed_response}
	 * @param cause the cause, if any
	 */
	public EasemobUserTokenException(String message, String username, int status, @Nullable String error,
			@Nullable String errorDescription, String reason, @Nullable Throwable cause) {
		super(message, cause);
		this.username = username;
		this.status = status;
		this.error = error;
		this.errorDescription = errorDescription;
		this.reason = reason;
	}

	/**
	 * The HTTP status Easemob answered.
	 * @return the status, {@code 0} when there was no answer
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Easemob's {@code error}, such as {@code invalid_grant}.
	 * @return the error, or {@code null}
	 */
	public @Nullable String getError() {
		return this.error;
	}

	/**
	 * Easemob's {@code error_description}, such as {@code user not found}.
	 * @return the description, or {@code null}
	 */
	public @Nullable String getErrorDescription() {
		return this.errorDescription;
	}

	/**
	 * The user the token was for.
	 * @return the username
	 */
	public String getUsername() {
		return this.username;
	}

	/**
	 * The failure reason, the {@code reason} tag of {@code easemob.user-token.failures}:
	 * Easemob's {@code error}, or {@code server_error}, {@code timeout}, {@code io_error},
	 * {@code malformed_response}.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
