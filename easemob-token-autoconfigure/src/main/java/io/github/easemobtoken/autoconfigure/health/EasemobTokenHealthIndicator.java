package io.github.easemobtoken.autoconfigure.health;

import java.util.function.Supplier;

import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.token.TokenStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the app token: UNKNOWN before the first token, UP while a valid token is
 * cached (with {@code expiresAt}), DOWN when there is none (with the last failure and
 * when the next request is allowed). Never shows the token or the secret.
 *
 * @author easemob-token
 */
public final class EasemobTokenHealthIndicator implements HealthIndicator {

	private final Supplier<TokenStatus> status;

	private final String appKey;

	/**
	 * Create an indicator.
	 * @param status the lifecycle status
	 * @param appKey the app, {@code org#app}
	 */
	public EasemobTokenHealthIndicator(Supplier<TokenStatus> status, String appKey) {
		this.status = status;
		this.appKey = appKey;
	}

	@Override
	public Health health() {
		TokenStatus status = this.status.get();
		Health.Builder health = switch (status.state()) {
			case NOT_YET_OBTAINED -> Health.unknown();
			case VALID, PERMANENT -> Health.up();
			case NO_VALID_TOKEN -> Health.down();
		};
		health.withDetail("app", this.appKey);
		if (status.state() == TokenStatus.State.PERMANENT) {
			health.withDetail("expiresAt", "never");
		}
		else if (status.expiresAt() != null) {
			health.withDetail("expiresAt", status.expiresAt().toString());
		}
		EasemobTokenRequestException failure = status.lastFailure();
		if (failure != null) {
			health.withDetail("lastFailure", failure.getMessage());
			health.withDetail("reason", failure.getReason().tag());
			health.withDetail("consecutiveFailures", status.consecutiveFailures());
		}
		if (status.state() == TokenStatus.State.NO_VALID_TOKEN && status.nextAttemptAt() != null) {
			health.withDetail("nextAttemptAt", status.nextAttemptAt().toString());
		}
		if (status.storeProblem() != null) {
			health.withDetail("storeFallback", status.storeProblem());
		}
		if (status.requestInFlight()) {
			health.withDetail("requestInFlight", true);
		}
		return health.build();
	}

}
