package io.github.easemobtoken.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.token.TokenStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of the token lifecycle, every one tagged {@code app=<org>#<app>}:
 * <ul>
 * <li>{@code easemob.token.refresh}: a timer of every token request to Easemob, tagged
 * {@code outcome=success|failure};</li>
 * <li>{@code easemob.token.failures}: a counter of failed requests, tagged
 * {@code reason} ({@code invalid_grant}, {@code rate_limited}, {@code timeout}, …);</li>
 * <li>{@code easemob.token.rejections}: a counter of 401s from the API for the current
 * token;</li>
 * <li>{@code easemob.token.expiry}: a gauge of the seconds until the cached token
 * expires, {@code NaN} with no valid token, {@code +Inf} for a token that never
 * expires;</li>
 * <li>{@code easemob.token.store.fallbacks}: a counter of operations on a shared token
 * store that failed or timed out (or values that did not decrypt), so that the instance
 * carried on alone, tagged {@code operation}.</li>
 * </ul>
 *
 * @author easemob-token
 */
public final class EasemobTokenMetrics implements TokenLifecycleListener {

	/** Name of the timer of token requests. */
	public static final String REFRESH = "easemob.token.refresh";

	/** Name of the counter of failed token requests. */
	public static final String FAILURES = "easemob.token.failures";

	/** Name of the counter of rejected tokens. */
	public static final String REJECTIONS = "easemob.token.rejections";

	/** Name of the gauge of the time to expiry. */
	public static final String EXPIRY = "easemob.token.expiry";

	/** Name of the counter of store operations that failed. */
	public static final String STORE_FALLBACKS = "easemob.token.store.fallbacks";

	private final MeterRegistry registry;

	private final Tags tags;

	private final Timer succeeded;

	private final Timer failed;

	private final Counter rejections;

	/**
	 * Register the meters.
	 * @param registry where to register them
	 * @param appKey the app, {@code org#app}, for the {@code app} tag
	 * @param status the lifecycle status, read when the gauge is read
	 */
	public EasemobTokenMetrics(MeterRegistry registry, String appKey, Supplier<TokenStatus> status) {
		this.registry = registry;
		this.tags = Tags.of("app", appKey);
		this.succeeded = refreshTimer("success");
		this.failed = refreshTimer("failure");
		this.rejections = Counter.builder(REJECTIONS)
			.description("401 answers from Easemob to a call made with the current app token")
			.tags(this.tags)
			.register(registry);
		Gauge.builder(EXPIRY, status, (source) -> secondsToExpiry(source.get()))
			.description("Seconds until the cached Easemob app token expires")
			.baseUnit("seconds")
			.tags(this.tags)
			.strongReference(true)
			.register(registry);
	}

	private Timer refreshTimer(String outcome) {
		return Timer.builder(REFRESH)
			.description("Requests to the Easemob token endpoint")
			.tags(this.tags)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private static double secondsToExpiry(TokenStatus status) {
		return switch (status.state()) {
			case PERMANENT -> Double.POSITIVE_INFINITY;
			case VALID -> (status.expiresAt() != null)
					? Duration.between(status.at(), status.expiresAt()).toMillis() / 1000.0 : Double.NaN;
			case NOT_YET_OBTAINED, NO_VALID_TOKEN -> Double.NaN;
		};
	}

	@Override
	public void tokenObtained(EasemobToken token, Duration elapsed) {
		this.succeeded.record(elapsed);
	}

	@Override
	public void tokenRequestFailed(EasemobTokenRequestException failure, Duration elapsed) {
		// The reason first: whoever sees the failed refresh counted also sees why.
		Counter.builder(FAILURES)
			.description("Failed requests to the Easemob token endpoint")
			.tags(this.tags)
			.tag("reason", failure.getReason().tag())
			.register(this.registry)
			.increment();
		this.failed.record(elapsed);
	}

	@Override
	public void tokenRejected(EasemobToken token, boolean dropped) {
		this.rejections.increment();
	}

	@Override
	public void storeFailed(String operation, @Nullable Throwable cause) {
		Counter.builder(STORE_FALLBACKS)
			.description("Operations on the shared Easemob token store that failed, so that this instance carried on alone")
			.tags(this.tags)
			.tag("operation", operation)
			.register(this.registry)
			.increment();
	}

}
