package io.github.easemobtoken.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.store.TokenStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One token per app for a whole fleet, in Redis (6 or later, or Valkey). Three keys share
 * one namespace per host, app and client ID, and one Redis Cluster hash tag:
 * <ul>
 * <li>{@code <namespace>:token}, the token sealed by {@link TokenCipher}, expiring with it;</li>
 * <li>{@code <namespace>:lease}, the id of the instance asking Easemob now, with a
 * {@code PX} expiry of {@code lease}, so an owner that dies blocks the fleet no longer;</li>
 * <li>{@code <namespace>:schedule}, a hash of the fleet's {@code not_before} (epoch ms),
 * {@code failures} in a row, and the last failure's {@code reason} and {@code message}.</li>
 * </ul>
 * Every change is one script, so a claim is granted only while the token is still the one
 * the instance read, only the owner releases its lease or reports a failure, and a token
 * is written only by the lease's owner (or over the very value it claimed on), never over
 * a newer one. A value this instance cannot open (sealed under a client secret that has
 * since been rotated) is claimed and replaced like any other, so that a permanent token
 * never outlives a rotation of the secret.
 *
 * @author easemob-token
 */
public final class RedisTokenStore implements TokenStore {

	/**
	 * A lease held by this very owner is one whose grant it did not hear in time (the answer
	 * came after the store timeout): it is granted again, not waited on as another's.
	 */
	private static final RedisScript<List<Object>> CLAIM = listScript("""
			local current = redis.call('GET', KEYS[1]) or ''
			if current ~= ARGV[1] then return {'changed'} end
			local holder = redis.call('GET', KEYS[2])
			if holder and holder ~= ARGV[2] then
			  local lease = redis.call('PTTL', KEYS[2])
			  if lease == -1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) lease = tonumber(ARGV[5]) end
			  return {'leased', tostring(lease)}
			end
			local s = redis.call('HMGET', KEYS[3], 'not_before', 'failures', 'reason', 'message')
			local failures = s[2] or '0'
			if s[1] and tonumber(ARGV[3]) < tonumber(s[1]) then
			  return {'not_before', s[1], failures, s[3] or '', s[4] or ''}
			end
			redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[5])
			redis.call('HSET', KEYS[3], 'not_before', ARGV[4])
			redis.call('PEXPIRE', KEYS[3], ARGV[6])
			return {'granted', failures}""");

	/** The fleet's failures are cleared only by a token actually written. */
	private static final RedisScript<Long> PUBLISH = RedisScript.of("""
			local mine = redis.call('GET', KEYS[2]) == ARGV[1]
			local current = redis.call('GET', KEYS[1]) or ''
			local written = 0
			if mine or current == ARGV[2] then
			  if ARGV[4] == '' then redis.call('SET', KEYS[1], ARGV[3])
			  else redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) end
			  written = 1
			end
			if mine then redis.call('DEL', KEYS[2]) end
			if written == 1 then
			  redis.call('HSET', KEYS[3], 'failures', '0')
			  redis.call('HDEL', KEYS[3], 'reason', 'message')
			  redis.call('PEXPIRE', KEYS[3], ARGV[5])
			end
			return written""", Long.class);

	/** Only the lease's owner reports: an owner whose lease ran out may be reporting over a newer success. */
	private static final RedisScript<Long> REPORT_FAILURE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			local before = tonumber(redis.call('HGET', KEYS[2], 'not_before') or '0')
			if tonumber(ARGV[2]) > before then redis.call('HSET', KEYS[2], 'not_before', ARGV[2]) end
			redis.call('HSET', KEYS[2], 'failures', ARGV[3], 'reason', ARGV[4], 'message', ARGV[5])
			redis.call('PEXPIRE', KEYS[2], ARGV[6])
			redis.call('DEL', KEYS[1])
			return 1""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if value and string.sub(value, 1, string.len(ARGV[1])) == ARGV[1] then
			  return redis.call('DEL', KEYS[1])
			end
			return 0""", Long.class);

	private static final RedisScript<List<Object>> PEEK = listScript("""
			return {redis.call('GET', KEYS[1]) or '', tostring(redis.call('PTTL', KEYS[2]))}""");

	/**
	 * How long the schedule outlives its last change: long enough to count failures in a
	 * row ({@code max-backoff} is at most a day).
	 */
	private static final Duration SCHEDULE_RETENTION = Duration.ofDays(1);

	private static final Duration FIRST_POLL = Duration.ofMillis(20);

	private static final Duration LAST_POLL = Duration.ofMillis(200);

	private final ReactiveStringRedisTemplate redis;

	private final String namespace;

	private final String tokenKey;

	private final List<String> tokenKeys;

	private final List<String> failureKeys;

	private final List<String> peekKeys;

	private final TokenCipher cipher;

	private final Duration lease;

	private final String owner = UUID.randomUUID().toString();

	private final Scheduler timer;

	/**
	 * Create a store for one app; one per provider, as each is an owner of its own.
	 * @param redis the Redis client
	 * @param app the app; its host and app key go into the key namespace
	 * @param credentials the app's credentials: the client ID goes into the namespace, the
	 * secret is the key material of the encryption
	 * @param lease the longest one instance may hold the token request (its response
	 * timeout and a margin)
	 */
	public RedisTokenStore(ReactiveStringRedisTemplate redis, EasemobApp app, EasemobCredentials credentials,
			Duration lease) {
		this(redis, app, credentials, lease, Schedulers.parallel());
	}

	/**
	 * Create a store for one app that times its polls on {@code timer}.
	 * @param redis the Redis client
	 * @param app the app; its host and app key go into the key namespace
	 * @param credentials the app's credentials: the client ID goes into the namespace, the
	 * secret is the key material of the encryption
	 * @param lease the longest one instance may hold the token request (its response
	 * timeout and a margin)
	 * @param timer the scheduler that times the polls of {@link #awaitChange}
	 */
	public RedisTokenStore(ReactiveStringRedisTemplate redis, EasemobApp app, EasemobCredentials credentials,
			Duration lease, Scheduler timer) {
		this.timer = timer;
		this.redis = redis;
		this.namespace = namespace(app, credentials);
		this.tokenKey = this.namespace + ":token";
		this.tokenKeys = List.of(this.tokenKey, this.namespace + ":lease", this.namespace + ":schedule");
		this.failureKeys = List.of(this.namespace + ":lease", this.namespace + ":schedule");
		this.peekKeys = List.of(this.tokenKey, this.namespace + ":lease");
		this.cipher = new TokenCipher(credentials.clientSecret(), this.namespace);
		this.lease = lease;
	}

	/**
	 * The key namespace of an app: {@code easemob:{<host>/<org>#<app>/<client id>}}. The
	 * braces are the Redis Cluster hash tag, so that every key of the app is in one slot.
	 * @param app the app
	 * @param credentials its credentials (only the client ID is used)
	 * @return the namespace
	 */
	public static String namespace(EasemobApp app, EasemobCredentials credentials) {
		String host = app.host().getHost() + ((app.host().getPort() != -1) ? ":" + app.host().getPort() : "");
		return "easemob:{" + host + "/" + app.appKey() + "/" + credentials.clientId() + "}";
	}

	/**
	 * The key that holds the token.
	 * @return the key
	 */
	public String tokenKey() {
		return this.tokenKey;
	}

	@Override
	public Mono<StoredToken> read() {
		return this.redis.opsForValue().get(this.tokenKey).map(this::open).defaultIfEmpty(StoredToken.ABSENT);
	}

	private StoredToken open(String value) {
		TokenCipher.Opened opened = this.cipher.open(value, this.tokenKey);
		return (opened != null) ? new StoredToken(opened.token(), opened.obtainedAt(), value, true)
				: StoredToken.unreadable(value);
	}

	@Override
	public Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore) {
		Duration retention = SCHEDULE_RETENTION.plus(Duration.between(now, notBefore));
		return this.redis
			.execute(CLAIM, this.tokenKeys,
					List.of(seen.version(), this.owner, millis(now), millis(notBefore), millis(this.lease),
							millis(retention)))
			.next()
			.map((answer) -> claimOf(answer, seen.version()));
	}

	private static RefreshClaim claimOf(List<?> answer, String seen) {
		String kind = String.valueOf(answer.get(0));
		return switch (kind) {
			case "granted" -> new RefreshClaim.Granted(Integer.parseInt(String.valueOf(answer.get(1))), seen);
			case "changed" -> new RefreshClaim.Changed();
			case "leased" -> new RefreshClaim.Leased(Duration.ofMillis(Long.parseLong(String.valueOf(answer.get(1)))));
			case "not_before" -> new RefreshClaim.NotBefore(
					Instant.ofEpochMilli(Long.parseLong(String.valueOf(answer.get(1)))),
					Integer.parseInt(String.valueOf(answer.get(2))), reason(String.valueOf(answer.get(3))),
					emptyToNull(String.valueOf(answer.get(4))));
			default -> throw new IllegalStateException("unexpected answer from the claim script: " + kind);
		};
	}

	@Override
	public Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now) {
		String expiry = "";
		if (!token.isPermanent()) {
			Duration lifetime = Duration.between(now, token.expiresAt().orElseThrow());
			if (lifetime.isNegative() || lifetime.isZero()) {
				return Mono.empty();
			}
			expiry = millis(lifetime);
		}
		return this.redis
			.execute(PUBLISH, this.tokenKeys,
					List.of(this.owner, claim.seen(), this.cipher.seal(token, obtainedAt, this.tokenKey), expiry,
							millis(SCHEDULE_RETENTION)))
			.then();
	}

	@Override
	public Mono<Void> reportFailure(RefreshClaim.Granted claim, EasemobTokenRequestException failure, int failures,
			Instant notBefore) {
		return this.redis
			.execute(REPORT_FAILURE, this.failureKeys,
					List.of(this.owner, millis(notBefore), String.valueOf(failures),
							failure.getReason().tag(), String.valueOf(failure.getMessage()),
							millis(SCHEDULE_RETENTION)))
			.then();
	}

	@Override
	public Mono<Void> remove(EasemobToken token) {
		return this.redis
			.execute(REMOVE, List.of(this.tokenKey), List.of(this.cipher.fingerprintPrefix(token.accessToken())))
			.then();
	}

	/** Polls, 20 ms at first and then less often, up to 200 ms between two looks. */
	@Override
	public Mono<Void> awaitChange(StoredToken seen, Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		return poll(seen, FIRST_POLL, deadline);
	}

	private Mono<Void> poll(StoredToken seen, Duration delay, long deadline) {
		long left = deadline - System.nanoTime();
		if (left <= 0) {
			return Mono.empty();
		}
		Duration wait = (delay.toNanos() < left) ? delay : Duration.ofNanos(left);
		return Mono.delay(wait, this.timer)
			.then(this.redis.execute(PEEK, this.peekKeys, List.of()).next())
			.flatMap((answer) -> {
				boolean changed = !seen.version().equals(String.valueOf(answer.get(0)));
				boolean released = "-2".equals(String.valueOf(answer.get(1)));
				if (changed || released) {
					return Mono.empty();
				}
				Duration next = delay.multipliedBy(2);
				return poll(seen, (next.compareTo(LAST_POLL) > 0) ? LAST_POLL : next, deadline);
			});
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RedisScript<List<Object>> listScript(String script) {
		return (RedisScript) RedisScript.of(script, List.class);
	}

	private static @Nullable TokenFailureReason reason(String tag) {
		for (TokenFailureReason reason : TokenFailureReason.values()) {
			if (reason.tag().equals(tag)) {
				return reason;
			}
		}
		return null;
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	private static String millis(Instant instant) {
		return String.valueOf(instant.toEpochMilli());
	}

	private static String millis(Duration duration) {
		return String.valueOf(Math.max(1, duration.toMillis()));
	}

	@Override
	public String toString() {
		return "RedisTokenStore[" + this.namespace + "]";
	}

}
