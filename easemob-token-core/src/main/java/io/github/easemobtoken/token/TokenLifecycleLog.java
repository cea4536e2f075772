package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What a provider tells the user: its log lines and the errors its callers get. Tokens
 * appear only {@link EasemobToken#redacted() redacted}; advice names the app's own keys.
 *
 * @author easemob-token
 */
final class TokenLifecycleLog {

	private static final Log logger = LogFactory.getLog(CachingEasemobTokenProvider.class);

	private final String appKey;

	private final EasemobSettingKeys keys;

	private final Duration floor;

	private final AtomicBoolean shortLifetimeReported = new AtomicBoolean();

	private final AtomicReference<@Nullable EasemobToken> freshRejectionReported = new AtomicReference<>();

	TokenLifecycleLog(String appKey, EasemobSettingKeys keys, Duration floor) {
		this.appKey = appKey;
		this.keys = keys;
		this.floor = floor;
	}

	void obtained(EasemobToken token, @Nullable Object source, TokenState next) {
		if (logger.isInfoEnabled()) {
			TokenState.HeldToken held = next.held();
			Instant refreshAt = (held != null) ? held.refreshAt() : null;
			logger.info("Obtained Easemob app token " + token.redacted() + " for " + this.appKey
					+ ((source != null) ? " from " + source : "") + ", expires "
					+ token.expiresAt().map((at) -> "at " + at).orElse("never")
					+ ((refreshAt != null) ? ", refresh from " + refreshAt : ""));
		}
	}

	void failed(EasemobTokenRequestException failure, TokenState next, Instant now) {
		if (logger.isWarnEnabled()) {
			TokenState.HeldToken held = next.held();
			logger.warn("Easemob token request for " + this.appKey + " failed (" + next.failures() + " in a row): "
					+ failure.getMessage() + "; next request not before " + next.nextAttemptAt()
					+ ((held != null && held.isValidAt(now)) ? "; still using token " + held.token().redacted()
							+ " until it expires at " + held.expiresAt() : ""));
		}
	}

	void deferred(Object store, TokenState next) {
		if (logger.isDebugEnabled()) {
			logger.debug("Easemob token request for " + this.appKey + " held back by " + store + " until "
					+ next.nextAttemptAt());
		}
	}

	void dropped(EasemobToken rejected) {
		logger.info("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey
				+ " (HTTP 401); the next call requests a new one");
	}

	/** Said once per token: a token rejected younger than the floor is kept. */
	void kept(EasemobToken rejected) {
		if (this.freshRejectionReported.getAndSet(rejected) != rejected && logger.isWarnEnabled()) {
			logger.warn("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey + " (HTTP 401) less "
					+ "than " + this.keys.key("token.min-request-interval") + " (" + this.floor + ") after it was "
					+ "issued; keeping it rather than asking again so soon. A token this fresh is not rejected for its "
					+ "age: check that " + this.keys.key("host") + " is the app's REST host");
		}
	}

	/** Said once per provider. */
	void shortLived(Instant obtainedAt, Instant expiresAt) {
		if (this.shortLifetimeReported.compareAndSet(false, true)) {
			String floorKey = this.keys.key("token.min-request-interval");
			logger.warn("Easemob app tokens for " + this.appKey + " live " + Duration.between(obtainedAt, expiresAt)
					+ ", less than twice " + floorKey + " (" + this.floor + "), so calls will find no valid token "
					+ "between expiry and the next allowed request. Lower " + floorKey
					+ ", or request longer tokens with " + this.keys.key("ttl"));
		}
	}

	void listenerFailed(RuntimeException ex) {
		logger.warn("Easemob token lifecycle listener failed", ex);
	}

	void untimed(RuntimeException ex) {
		logger.debug("Easemob token refresh timer not scheduled: the scheduler is shut down", ex);
	}

	/** For callers that waited on a request that failed or was held back. */
	EasemobTokenUnavailableException unavailable(String why, @Nullable EasemobTokenRequestException cause,
			@Nullable Instant next) {
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": " + why
				+ ((next != null) ? "; next token request not before " + next : ""), cause, next);
	}

	/** For callers that found no valid token and no request allowed. */
	EasemobTokenUnavailableException unavailable(TokenState s, Instant now) {
		if (s.closed()) {
			return new EasemobTokenUnavailableException(
					"No Easemob app token for " + this.appKey + ": the token provider is closed", s.lastFailure(), null);
		}
		String floorKey = this.keys.key("token.min-request-interval");
		String why;
		if (s.lastFailure() != null) {
			why = s.lastFailure().getMessage();
		}
		else if (s.held() != null) {
			why = "the token expired at " + s.held().expiresAt() + " and " + floorKey + " holds the next request back";
		}
		else {
			why = "the last token was rejected and " + floorKey + " holds the next request back";
		}
		Instant next = s.nextAttemptAt();
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": " + why
				+ ((next != null) ? "; next token request not before " + next + " (in " + Duration.between(now, next)
						+ ")" : ""),
				s.lastFailure(), next);
	}

}
