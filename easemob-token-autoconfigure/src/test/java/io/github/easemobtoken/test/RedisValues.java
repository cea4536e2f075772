package io.github.easemobtoken.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

/** What a Redis holds, every key and value, for tests that check what is stored. */
public final class RedisValues {

	private RedisValues() {
	}

	public static List<String> keys(ReactiveStringRedisTemplate redis) {
		return redis.scan(ScanOptions.scanOptions().match("*").build()).collectList().block();
	}

	/** Every string value and every hash field and value, whatever the key. */
	public static List<String> values(ReactiveStringRedisTemplate redis) {
		List<String> values = new ArrayList<>();
		for (String key : keys(redis)) {
			DataType type = redis.type(key).block();
			if (type == DataType.STRING) {
				values.add(redis.opsForValue().get(key).block());
			}
			else if (type == DataType.HASH) {
				redis.<String, String>opsForHash().entries(key).toIterable().forEach((entry) -> {
					values.add(entry.getKey());
					values.add(entry.getValue());
				});
			}
			else {
				throw new IllegalStateException("unexpected " + type + " at " + key);
			}
		}
		return values;
	}

	/** Whether any key or value holds {@code length} consecutive characters of {@code secret}. */
	public static boolean containsPieceOf(ReactiveStringRedisTemplate redis, String secret, int length) {
		List<String> everything = new ArrayList<>(keys(redis));
		everything.addAll(values(redis));
		for (int i = 0; i + length <= secret.length(); i++) {
			String piece = secret.substring(i, i + length);
			if (everything.stream().anyMatch((value) -> value.contains(piece))) {
				return true;
			}
		}
		return false;
	}

}
