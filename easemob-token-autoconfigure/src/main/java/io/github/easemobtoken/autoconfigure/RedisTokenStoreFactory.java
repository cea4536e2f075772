package io.github.easemobtoken.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.user.LocalUserTokenLimiter;
import io.github.easemobtoken.user.RedisUserTokenLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Makes the Redis store of an app with {@code token.store=redis}: one per provider, each
 * an owner of its own, in the app's own key namespace; and the fleet's limit of its
 * user-token requests.
 *
 * @author easemob-token
 */
final class RedisTokenStoreFactory {

	private final @Nullable ReactiveStringRedisTemplate redis;

	private final EasemobThreads threads;

	RedisTokenStoreFactory(@Nullable ReactiveStringRedisTemplate redis, EasemobThreads threads) {
		this.redis = redis;
		this.threads = threads;
	}

	RedisTokenStore create(EasemobAppSettings settings) {
		return new RedisTokenStore(requireRedis(settings), settings.app(), settings.requireCredentials(),
				settings.lease(), this.threads.scheduler());
	}

	/** The fleet's limit of user-token requests, in the same key namespace as the app's token. */
	RedisUserTokenLimiter userTokenLimiter(EasemobAppSettings settings, LocalUserTokenLimiter local,
			Consumer<@Nullable Throwable> fallbacks) {
		return new RedisUserTokenLimiter(requireRedis(settings), settings.app(), settings.requireCredentials(), local,
				settings.storeTimeout(), this.threads.scheduler(), fallbacks);
	}

	private ReactiveStringRedisTemplate requireRedis(EasemobAppSettings settings) {
		if (this.redis == null) {
			throw new InvalidEasemobPropertiesException(List.of(new Violation(settings.keys().key("token.store"),
					"'redis' needs one ReactiveStringRedisTemplate bean, and there is none or more than one: "
							+ "configure spring.data.redis.* (Spring Boot then defines it), or set 'memory'")));
		}
		return this.redis;
	}

}
