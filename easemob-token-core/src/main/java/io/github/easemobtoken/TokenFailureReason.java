package io.github.easemobtoken;

/**
 * Why a token request failed; also the {@code reason} tag of the
 * {@code easemob.token.failures} meter.
 *
 * @author easemob-token
 */
public enum TokenFailureReason {

	/** HTTP 400 {@code invalid_grant}: the client ID or secret does not match the app. */
	INVALID_GRANT("invalid_grant", true),

	/** HTTP 400 {@code illegal_argument}: the client ID or secret is missing. */
	ILLEGAL_ARGUMENT("illegal_argument", true),

	/** HTTP 404 {@code organization_application_not_found}: no such org or app on the host. */
	ORGANIZATION_APPLICATION_NOT_FOUND("organization_application_not_found", true),

	/** Any other 3xx or 4xx answer (except 408 and 429): the request or the host is wrong. */
	CLIENT_ERROR("client_error", true),

	/** HTTP 429: the token endpoint's rate limit was reached. */
	RATE_LIMITED("rate_limited", false),

	/** HTTP 5xx. */
	SERVER_ERROR("server_error", false),

	/** No complete answer within {@code easemob.response-timeout}, or HTTP 408. */
	TIMEOUT("timeout", false),

	/** The connection failed, was refused or was reset. */
	IO_ERROR("io_error", false),

	/** HTTP 200 with a body that is not a usable token response. */
	MALFORMED_RESPONSE("malformed_response", false);

	private final String tag;

	private final boolean configurationError;

	TokenFailureReason(String tag, boolean configurationError) {
		this.tag = tag;
		this.configurationError = configurationError;
	}

	/**
	 * The name used in messages and as the meter tag value, such as {@code invalid_grant}.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Whether the failure means the configuration is wrong, so that asking again soon
	 * cannot help: such failures are retried only after {@code easemob.token.max-backoff}.
	 * @return {@code true} for a configuration error
	 */
	public boolean isConfigurationError() {
		return this.configurationError;
	}

}
