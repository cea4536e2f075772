package io.github.easemobtoken.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.autoconfigure.EasemobAppBeans;
import io.github.easemobtoken.autoconfigure.EasemobAppsSettings;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TokenStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;

/**
 * What the health of an app token reports, the same on both Spring Boot lines, whose health
 * APIs live in different packages: each line's {@link EasemobTokenHealthIndicator} turns this
 * into its own {@code Health}. Never the token or the secret.
 *
 * @author easemob-token
 */
final class EasemobTokenHealthReport {

	/** The health status, before it is one line's {@code Status}. */
	enum Level {

		UNKNOWN, UP, DOWN

	}

	private EasemobTokenHealthReport() {
	}

	/**
	 * UNKNOWN before the first token, UP while a valid token is cached, DOWN when there is none.
	 * @param status the lifecycle status
	 * @return the level
	 */
	static Level level(TokenStatus status) {
		return switch (status.state()) {
			case NOT_YET_OBTAINED -> Level.UNKNOWN;
			case VALID, PERMANENT -> Level.UP;
			case NO_VALID_TOKEN -> Level.DOWN;
		};
	}

	/**
	 * The details: the app, {@code expiresAt}, the last failure and when the next request is
	 * allowed, a store fallback, a request in flight.
	 * @param status the lifecycle status
	 * @param appKey the app, {@code org#app}
	 * @return the details, in the order shown
	 */
	static Map<String, Object> details(TokenStatus status, String appKey) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("app", appKey);
		if (status.state() == TokenStatus.State.PERMANENT) {
			details.put("expiresAt", "never");
		}
		else if (status.expiresAt() != null) {
			details.put("expiresAt", status.expiresAt().toString());
		}
		EasemobTokenRequestException failure = status.lastFailure();
		if (failure != null) {
			details.put("lastFailure", failure.getMessage());
			details.put("reason", failure.getReason().tag());
			details.put("consecutiveFailures", status.consecutiveFailures());
		}
		if (status.state() == TokenStatus.State.NO_VALID_TOKEN && status.nextAttemptAt() != null) {
			details.put("nextAttemptAt", status.nextAttemptAt().toString());
		}
		if (status.storeProblem() != null) {
			details.put("storeFallback", status.storeProblem());
		}
		if (status.requestInFlight()) {
			details.put("requestInFlight", true);
		}
		return details;
	}

	/**
	 * One indicator per app of ours, keyed by app name: {@code default} first.
	 * @param <I> the indicator type
	 * @param defaultProvider our provider of the app {@code default}, if any
	 * @param namedProviders the providers of the named apps, if any
	 * @param indicator makes an app's indicator
	 * @return the indicators
	 */
	static <I> Map<String, I> perApp(ObjectProvider<CachingEasemobTokenProvider> defaultProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> namedProviders,
			Function<CachingEasemobTokenProvider, I> indicator) {
		Map<String, I> indicators = new LinkedHashMap<>();
		defaultProvider.ifUnique((provider) -> indicators.put(EasemobAppsSettings.DEFAULT, indicator.apply(provider)));
		namedProviders.ifAvailable(
				(named) -> named.asMap().forEach((name, provider) -> indicators.put(name, indicator.apply(provider))));
		return indicators;
	}

	/** Our provider for the app {@code default}, or named apps: a user's own provider has no health of ours. */
	static final class OurProviders extends AnyNestedCondition {

		OurProviders() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(CachingEasemobTokenProvider.class)
		static final class DefaultProvider {

		}

		@ConditionalOnBean(name = "easemobNamedTokenProviders")
		static final class NamedProviders {

		}

	}

}
