package io.github.easemobtoken.metrics;

import java.time.Duration;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokenException;
import io.github.easemobtoken.user.UserTokenListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of an app's user tokens, tagged {@code app}; never the username:
 * <ul>
 * <li>{@code easemob.user-token.requests}: a timer of {@code issue} calls that reached an
 * end, the wait for a turn included, tagged {@code outcome=success|failure}; a call that
 * found no app token is not among them: the app token's own meters count that failure;</li>
 * <li>{@code easemob.user-token.failures}: a counter of failed ones, tagged {@code reason}
 * (Easemob's {@code error}, such as {@code invalid_grant}, or {@code server_error},
 * {@code timeout}, {@code io_error}, {@code malformed_response}, {@code rate_limited});</li>
 * <li>{@code easemob.user-token.signed}: a counter of dynamic tokens signed;</li>
 * <li>{@code easemob.token.store.fallbacks} with {@code operation=user-token-limit}: the
 * fleet's limiter missed Redis and this instance's own limit applied.</li>
 * </ul>
 *
 * @author easemob-token
 */
public final class EasemobUserTokenMetrics implements UserTokenListener {

	/** Name of the timer of user-token requests. */
	public static final String REQUESTS = "easemob.user-token.requests";

	/** Name of the counter of failed user-token requests. */
	public static final String FAILURES = "easemob.user-token.failures";

	/** Name of the counter of dynamic tokens signed. */
	public static final String SIGNED = "easemob.user-token.signed";

	private final MeterRegistry registry;

	private final Tags tags;

	private final Timer succeeded;

	private final Timer failed;

	private final Counter signed;

	/**
	 * Register the meters.
	 * @param registry where to register them
	 * @param appKey the app, {@code org#app}, for the {@code app} tag
	 */
	public EasemobUserTokenMetrics(MeterRegistry registry, String appKey) {
		this.registry = registry;
		this.tags = Tags.of("app", appKey);
		this.succeeded = requests("success");
		this.failed = requests("failure");
		this.signed = Counter.builder(SIGNED)
			.description("Dynamic Easemob user tokens signed")
			.tags(this.tags)
			.register(registry);
	}

	private Timer requests(String outcome) {
		return Timer.builder(REQUESTS)
			.description("Easemob user-token requests")
			.tags(this.tags)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	@Override
	public void issued(EasemobUserToken token, Duration elapsed) {
		this.succeeded.record(elapsed);
	}

	@Override
	public void failed(EasemobUserTokenException failure, Duration elapsed) {
		Counter.builder(FAILURES)
			.description("Failed Easemob user-token requests")
			.tags(this.tags)
			.tag("reason", failure.getReason())
			.register(this.registry)
			.increment();
		this.failed.record(elapsed);
	}

	@Override
	public void signed(EasemobUserToken token) {
		this.signed.increment();
	}

	@Override
	public void limiterFellBack(@Nullable Throwable cause) {
		Counter.builder(EasemobTokenMetrics.STORE_FALLBACKS)
			.description("Operations on the shared Easemob token store that failed, so that this instance carried on alone")
			.tags(this.tags)
			.tag("operation", "user-token-limit")
			.register(this.registry)
			.increment();
	}

}
