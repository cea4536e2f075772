package io.github.easemobtoken.user;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The limit of a whole fleet ({@code easemob.token.store=redis}): one schedule of permits in
 * Redis, in the app's key namespace, taken by one script on Redis' own clock, so that K
 * instances with a limit of N send at most N requests a second together. Each call to Redis is
 * bounded by the store timeout; while Redis fails, each instance falls back to its own limiter
 * and reports the fallback.
 *
 * @author easemob-token
 */
public final class RedisUserTokenLimiter implements UserTokenLimiter {

	/**
	 * Returns {1, wait} with the turn taken, or {0, wait} when the wait is too long. Times in
	 * microseconds: an epoch in microseconds is below 2^53, exact in Lua's numbers.
	 */
	private static final RedisScript<List<Long>> TAKE_TURN = listScript("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
			local interval = tonumber(ARGV[1])
			local next = tonumber(redis.call('GET', KEYS[1]) or '0')
			local turn = math.max(next, now)
			local wait = turn - now
			if wait > tonumber(ARGV[2]) then return {0, wait} end
			redis.call('SET', KEYS[1], string.format('%.0f', turn + interval), 'PX',
			  math.floor((wait + interval) / 1000) + 1000)
			return {1, wait}""");

	private final ReactiveStringRedisTemplate redis;

	private final List<String> keys;

	private final List<String> arguments;

	private final LocalUserTokenLimiter local;

	private final Duration storeTimeout;

	private final Scheduler scheduler;

	private final Consumer<@Nullable Throwable> fallbacks;

	/**
	 * Create a limiter for one app's fleet.
	 * @param redis the Redis template
	 * @param app the app, whose key namespace the schedule shares with its token
	 * @param credentials the app's credentials (the client ID is part of the namespace)
	 * @param local the limit and longest wait, and the limiter to fall back to
	 * @param storeTimeout the bound of each call to Redis
	 * @param scheduler the timer of the waits and of the store timeout
	 * @param fallbacks told of each fallback to the local limiter, with its cause
	 */
	public RedisUserTokenLimiter(ReactiveStringRedisTemplate redis, EasemobApp app, EasemobCredentials credentials,
			LocalUserTokenLimiter local, Duration storeTimeout, Scheduler scheduler,
			Consumer<@Nullable Throwable> fallbacks) {
		this.redis = redis;
		this.keys = List.of(RedisTokenStore.namespace(app, credentials) + ":user-token-turns");
		this.arguments = List.of(
				Long.toString(LocalUserTokenLimiter.intervalNanos(local.maxRequestsPerSecond()) / 1000),
				Long.toString(local.maxWait().toNanos() / 1000));
		this.local = local;
		this.storeTimeout = storeTimeout;
		this.scheduler = scheduler;
		this.fallbacks = fallbacks;
	}

	@Override
	public Mono<Void> acquire() {
		return this.redis.execute(TAKE_TURN, this.keys, this.arguments)
			.next()
			.timeout(this.storeTimeout, this.scheduler)
			.map(Turn::of)
			.onErrorResume((ex) -> {
				this.fallbacks.accept(ex);
				return Mono.just(Turn.LOCAL);
			})
			.flatMap(this::await);
	}

	private Mono<Void> await(Turn turn) {
		if (turn == Turn.LOCAL) {
			return this.local.acquire();
		}
		if (!turn.taken()) {
			return Mono.error(new UserTokenLimitException(turn.delay(), this.local.maxWait(),
					this.local.maxRequestsPerSecond()));
		}
		return turn.delay().isZero() ? Mono.empty() : Mono.delay(turn.delay(), this.scheduler).then();
	}

	/**
	 * The Redis key of the fleet's schedule of permits.
	 * @return the key
	 */
	public String key() {
		return this.keys.get(0);
	}

	@Override
	public String toString() {
		return "RedisUserTokenLimiter[" + this.local.maxRequestsPerSecond() + "/s, " + key() + "]";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Long>> listScript(String script) {
		return (RedisScript) RedisScript.of(script, List.class);
	}

	private record Turn(boolean taken, Duration delay) {

		static final Turn LOCAL = new Turn(false, Duration.ZERO);

		static Turn of(List<Long> answer) {
			return new Turn(answer.get(0) == 1L, Duration.ofNanos(answer.get(1) * 1000));
		}

	}

}
