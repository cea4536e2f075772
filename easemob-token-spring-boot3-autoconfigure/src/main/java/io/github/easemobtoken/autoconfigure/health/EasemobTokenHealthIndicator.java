package io.github.easemobtoken.autoconfigure.health;

import java.util.function.Supplier;

import io.github.easemobtoken.token.TokenStatus;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the app token: UNKNOWN before the first token, UP while a valid token is
 * cached (with {@code expiresAt}), DOWN when there is none (with the last failure and
 * when the next request is allowed). Never shows the token or the secret.
 * <p>
 * Spring Boot 3's health API; what it reports is shared with the Spring Boot 4 line.
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
		Health.Builder health = switch (EasemobTokenHealthReport.level(status)) {
			case UNKNOWN -> Health.unknown();
			case UP -> Health.up();
			case DOWN -> Health.down();
		};
		return health.withDetails(EasemobTokenHealthReport.details(status, this.appKey)).build();
	}

}
