package io.github.easemobtoken.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import io.github.easemobtoken.EasemobToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Keeps the token in Redis, under one key per app, so that every instance of an
 * application shares it: an instance whose refresh falls due takes the fresher token
 * another instance put there instead of asking Easemob. The key expires with the token.
 * One key and a single-key script, so it works on a Redis Cluster as well.
 * <p>
 * The value is JSON: {@code {"access_token":…,"expires_at":<epoch ms>|null,"application":…}}.
 *
 * @author easemob-token
 */
public final class RedisTokenStore implements TokenStore {

	/** Deletes the key only while it still holds the rejected token. */
	private static final RedisScript<Long> REMOVE_IF_HOLDING = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final String key;

	private final InstantSource clock;

	/**
	 * Create a store.
	 * @param redis the Redis client
	 * @param appKey the app, {@code org#app}; the key is {@code easemob:token:<appKey>}
	 * @param clock the source of the current time, for the key's expiry
	 */
	public RedisTokenStore(ReactiveStringRedisTemplate redis, String appKey, InstantSource clock) {
		this.redis = redis;
		this.key = "easemob:token:" + appKey;
		this.clock = clock;
	}

	/**
	 * The Redis key that holds the token.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	@Override
	public Mono<EasemobToken> get() {
		return this.redis.opsForValue().get(this.key).map(this::decode);
	}

	@Override
	public Mono<Void> put(EasemobToken token) {
		String value = encode(token);
		if (token.isPermanent()) {
			return this.redis.opsForValue().set(this.key, value).then();
		}
		Duration lifetime = Duration.between(this.clock.instant(), token.expiresAt().orElseThrow());
		if (lifetime.isNegative() || lifetime.isZero()) {
			return Mono.empty();
		}
		return this.redis.opsForValue().set(this.key, value, lifetime).then();
	}

	@Override
	public Mono<Void> remove(EasemobToken token) {
		return this.redis.execute(REMOVE_IF_HOLDING, List.of(this.key), List.of(encode(token))).then();
	}

	private static String encode(EasemobToken token) {
		ObjectNode node = JsonMapper.shared().createObjectNode();
		node.put("access_token", token.accessToken());
		node.put("expires_at", token.expiresAt().map(Instant::toEpochMilli).orElse(null));
		node.put("application", token.application().orElse(null));
		return node.toString();
	}

	private EasemobToken decode(String value) {
		JsonNode node;
		try {
			node = JsonMapper.shared().readTree(value);
		}
		catch (RuntimeException ex) {
			// Not chained: the parser's message quotes the value, which may be a token.
			throw new IllegalStateException("Redis key " + this.key + " does not hold an Easemob token (not JSON)");
		}
		String accessToken = text(node, "access_token");
		JsonNode expiresAt = node.path("expires_at");
		if (accessToken == null || accessToken.isBlank() || !(expiresAt.isNull() || expiresAt.canConvertToLong())) {
			throw new IllegalStateException("Redis key " + this.key + " does not hold an Easemob token");
		}
		return new EasemobToken(accessToken, expiresAt.isNull() ? null : Instant.ofEpochMilli(expiresAt.asLong()),
				text(node, "application"));
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	@Override
	public String toString() {
		return "RedisTokenStore[" + this.key + "]";
	}

}
