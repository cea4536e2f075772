package io.github.easemobtoken.store.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.test.RedisServer;
import io.github.easemobtoken.test.RedisValues;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisTokenStore} on a real {@code redis-server}: what is stored and how, and the
 * lease and schedule that make a fleet ask Easemob as one instance would.
 */
class RedisTokenStoreTests {

	@RegisterExtension
	static final RedisServer redisServer = new RedisServer();

	private static final EasemobApp APP = new EasemobApp(URI.create("https://a1.easemob.com"), TestApp.ORG,
			TestApp.APP);

	private static final String NAMESPACE = "easemob:{a1.easemob.com/easemob-demo#testapp/" + TestApp.CLIENT_ID
			+ "}";

	private static final Duration LEASE = Duration.ofSeconds(3);

	private final VirtualClock clock = new VirtualClock();

	private LettuceConnectionFactory connectionFactory;

	private ReactiveStringRedisTemplate redis;

	private RedisTokenStore store;

	private RedisTokenStore other;

	@BeforeEach
	void connect() {
		this.connectionFactory = new LettuceConnectionFactory("127.0.0.1", redisServer.port());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.redis = new ReactiveStringRedisTemplate(this.connectionFactory);
		this.redis.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
		this.store = store(TestApp.credentials());
		this.other = store(TestApp.credentials());
	}

	@AfterEach
	void close() {
		this.connectionFactory.destroy();
	}

	private RedisTokenStore store(EasemobCredentials credentials) {
		return new RedisTokenStore(this.redis, APP, credentials, LEASE);
	}

	private EasemobToken tokenFor(int n, Duration lifetime) {
		return new EasemobToken(token(n), this.clock.instant().plus(lifetime), TestApp.APPLICATION);
	}

	private RefreshClaim.Granted granted(RedisTokenStore store) {
		StoredToken seen = store.read().block();
		RefreshClaim claim = store.claim(seen, this.clock.instant(), this.clock.instant().plusSeconds(10)).block();
		assertThat(claim).isInstanceOf(RefreshClaim.Granted.class);
		return (RefreshClaim.Granted) claim;
	}

	private void publish(RedisTokenStore store, EasemobToken token) {
		store.publish(granted(store), token, this.clock.instant(), this.clock.instant()).block();
		this.clock.advance(Duration.ofSeconds(10));
	}

	private String value(String key) {
		return this.redis.opsForValue().get(key).block();
	}

	@Test
	void shouldKeepItsKeysInOneNamespacePerHostAppAndClientIdWithOneHashTag() {
		assertThat(RedisTokenStore.namespace(APP, TestApp.credentials())).isEqualTo(NAMESPACE);
		assertThat(this.store.tokenKey()).isEqualTo(NAMESPACE + ":token");
		assertThat(RedisTokenStore.namespace(new EasemobApp(URI.create("http://127.0.0.1:8080"), "o", "a"),
				new EasemobCredentials("id", "secret")))
			.isEqualTo("easemob:{127.0.0.1:8080/o#a/id}");
		publish(this.store, tokenFor(1, Duration.ofHours(1)));
		assertThat(RedisValues.keys(this.redis)).containsExactlyInAnyOrder(NAMESPACE + ":token",
				NAMESPACE + ":schedule");
	}

	@Test
	void shouldSealTheTokenSoThatNoPieceOfItIsInRedis() {
		EasemobToken token = tokenFor(1, Duration.ofHours(1));
		Instant obtainedAt = this.clock.instant();
		this.store.publish(granted(this.store), token, obtainedAt, obtainedAt).block();
		String stored = value(NAMESPACE + ":token");
		assertThat(stored).startsWith(TokenCipher.VERSION + ".")
			.matches(TokenCipher.VERSION + "\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]+");
		assertThat(RedisValues.containsPieceOf(this.redis, token.accessToken(), 12)).isFalse();
		assertThat(RedisValues.containsPieceOf(this.redis, TestApp.CLIENT_SECRET, 12)).isFalse();
		StoredToken read = this.other.read().block();
		assertThat(read.token()).isEqualTo(token);
		assertThat(read.obtainedAt()).isEqualTo(obtainedAt);
		assertThat(read.version()).isEqualTo(stored);
		assertThat(this.redis.getExpire(NAMESPACE + ":token").block()).isBetween(Duration.ofSeconds(3598),
				Duration.ofSeconds(3600));
	}

	@Test
	void shouldSealTheSameTokenDifferentlyEachTime() {
		EasemobToken token = tokenFor(1, Duration.ofHours(1));
		TokenCipher cipher = new TokenCipher(TestApp.CLIENT_SECRET, NAMESPACE);
		String first = cipher.seal(token, this.clock.instant(), "k");
		String second = cipher.seal(token, this.clock.instant(), "k");
		assertThat(first).isNotEqualTo(second);
		assertThat(first.substring(0, 25)).as("the fingerprint").isEqualTo(second.substring(0, 25));
		assertThat(cipher.open(first, "k").token()).isEqualTo(token);
		assertThat(cipher.open(first, "another key")).as("a value copied under another key").isNull();
	}

	@Test
	void shouldDeriveKeysWithHkdfAsRfc5869TestCase1() {
		byte[] okm = TokenCipher.hkdf(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex("000102030405060708090a0b0c"),
				hex("f0f1f2f3f4f5f6f7f8f9"), 42);
		assertThat(okm).isEqualTo(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
	}

	@Test
	void shouldNotOpenAValueSealedUnderAnotherSecret() {
		publish(this.store, tokenFor(1, Duration.ofHours(1)));
		RedisTokenStore rotated = store(new EasemobCredentials(TestApp.CLIENT_ID, "YXA6-another-secret"));
		StoredToken read = rotated.read().block();
		assertThat(read.readable()).isFalse();
		assertThat(read.token()).isNull();
		assertThat(read.toString()).isEqualTo("StoredToken[unreadable]");
	}

	@Test
	void shouldTreatAValueThatIsNotSealedAsUnreadableWithoutQuotingIt() {
		this.redis.opsForValue().set(NAMESPACE + ":token", "{\"access_token\":\"" + token(1) + "\"}").block();
		StoredToken read = this.store.read().block();
		assertThat(read.readable()).isFalse();
		assertThat(read.toString()).doesNotContain(token(1));
	}

	@Test
	void shouldKeepAPermanentTokenWithoutExpiry() {
		publish(this.store, new EasemobToken(token(1), null, null));
		assertThat(this.redis.getExpire(NAMESPACE + ":token").block()).isEqualTo(Duration.ZERO);
		assertThat(this.other.read().block().token()).matches(EasemobToken::isPermanent);
	}

	@Test
	void shouldNotKeepATokenThatHasAlreadyExpired() {
		this.store.publish(granted(this.store), tokenFor(1, Duration.ofSeconds(-1)), this.clock.instant(), this.clock.instant()).block();
		assertThat(this.store.read().block()).isEqualTo(StoredToken.ABSENT);
	}

	@Test
	void shouldRemoveARejectedTokenOnlyWhileItIsTheOneHeld() {
		publish(this.store, tokenFor(2, Duration.ofHours(1)));
		this.other.remove(tokenFor(1, Duration.ofHours(1))).block();
		assertThat(this.store.read().block().token().accessToken()).as("another instance's newer token stays")
			.isEqualTo(token(2));
		this.other.remove(tokenFor(2, Duration.ofHours(1))).block();
		assertThat(this.store.read().block()).isEqualTo(StoredToken.ABSENT);
	}

	@Test
	void shouldGrantOneClaimAndTellTheOthersThatItIsLeased() {
		StoredToken seen = this.store.read().block();
		Instant now = this.clock.instant();
		assertThat(this.store.claim(seen, now, now.plusSeconds(10)).block()).isEqualTo(new RefreshClaim.Granted(0, ""));
		RefreshClaim second = this.other.claim(seen, now, now.plusSeconds(10)).block();
		assertThat(second).isInstanceOf(RefreshClaim.Leased.class);
		assertThat(((RefreshClaim.Leased) second).remaining()).isBetween(Duration.ofMillis(2500), LEASE);
	}

	@Test
	void shouldNotGrantAClaimOnAValueThatChangedSinceItWasRead() {
		StoredToken seen = this.other.read().block();
		publish(this.store, tokenFor(1, Duration.ofHours(1)));
		assertThat(this.other.claim(seen, this.clock.instant(), this.clock.instant().plusSeconds(10)).block())
			.isEqualTo(new RefreshClaim.Changed());
	}

	@Test
	void shouldHoldTheNextClaimBackUntilTheFleetFloor() {
		Instant start = this.clock.instant();
		publish(this.store, tokenFor(1, Duration.ofHours(1)));
		// publish() moved the clock 10 s; the floor it claimed with was start + 10 s.
		StoredToken seen = this.other.read().block();
		RefreshClaim early = this.other.claim(seen, start.plusSeconds(9), start.plusSeconds(19)).block();
		assertThat(early).isEqualTo(new RefreshClaim.NotBefore(start.plusSeconds(10), 0, null, null));
		assertThat(this.other.claim(seen, start.plusSeconds(10), start.plusSeconds(20)).block())
			.isInstanceOf(RefreshClaim.Granted.class);
	}

	@Test
	void shouldShareAFailureAndItsScheduleWithTheFleetAndClearThemOnSuccess() {
		RefreshClaim.Granted claim = granted(this.store);
		Instant retryAt = this.clock.instant().plusSeconds(40);
		this.store.reportFailure(claim, new EasemobTokenRequestException("server_error (HTTP 503): busy",
				TokenFailureReason.SERVER_ERROR, 503, null, null, null, null), 1, retryAt).block();
		StoredToken seen = this.other.read().block();
		assertThat(this.other.claim(seen, this.clock.instant().plusSeconds(39), retryAt).block())
			.isEqualTo(new RefreshClaim.NotBefore(retryAt, 1, TokenFailureReason.SERVER_ERROR,
					"server_error (HTTP 503): busy"));
		RefreshClaim.Granted next = (RefreshClaim.Granted) this.other
			.claim(seen, retryAt, retryAt.plusSeconds(10))
			.block();
		assertThat(next.failures()).isEqualTo(1);
		this.other.publish(next, tokenFor(1, Duration.ofHours(1)), retryAt, retryAt).block();
		assertThat(this.store.claim(this.store.read().block(), retryAt.plusSeconds(10), retryAt.plusSeconds(20))
			.block()).isEqualTo(new RefreshClaim.Granted(0, this.store.read().block().version()));
	}

	@Test
	void shouldNotLetAnOwnerWhoseLeaseRanOutOverwriteANewerToken() throws Exception {
		RefreshClaim.Granted late = granted(this.store);
		this.redis.delete(NAMESPACE + ":lease").block(); // as when the lease ran out
		this.clock.advance(Duration.ofSeconds(10));
		publish(this.other, tokenFor(2, Duration.ofHours(2)));
		this.store.publish(late, tokenFor(1, Duration.ofHours(1)), this.clock.instant(), this.clock.instant()).block();
		assertThat(this.store.read().block().token().accessToken()).isEqualTo(token(2));
	}

	@Test
	void shouldWaitUntilTheOwnerPublishesButNoLongerThanAsked() {
		StoredToken seen = this.store.read().block();
		RefreshClaim.Granted claim = granted(this.other);
		long start = System.nanoTime();
		this.store.awaitChange(seen, Duration.ofMillis(300)).block(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("nothing changed")
			.isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
		Thread publisher = new Thread(() -> this.other.publish(claim, tokenFor(1, Duration.ofHours(1)), this.clock.instant(), this.clock.instant())
			.delaySubscription(Duration.ofMillis(200))
			.block());
		start = System.nanoTime();
		publisher.start();
		this.store.awaitChange(seen, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("published after 200 ms")
			.isBetween(Duration.ofMillis(200), Duration.ofMillis(1500));
		assertThat(this.store.read().block().token().accessToken()).isEqualTo(token(1));
	}

	/** Its answer came after the store timeout: the owner carried on alone, and asks again later. */
	@Test
	void shouldGrantAgainALeaseWhoseOwnerDidNotHearItsGrant() {
		StoredToken seen = this.store.read().block();
		Instant now = this.clock.instant();
		assertThat(this.store.claim(seen, now, now.plusSeconds(10)).block()).isInstanceOf(RefreshClaim.Granted.class);
		this.clock.advance(Duration.ofSeconds(10));
		Instant later = this.clock.instant();
		assertThat(this.store.claim(seen, later, later.plusSeconds(10)).block()).as("its own lease")
			.isEqualTo(new RefreshClaim.Granted(0, ""));
		assertThat(this.other.claim(seen, later, later.plusSeconds(10)).block()).as("another's lease")
			.isInstanceOf(RefreshClaim.Leased.class);
	}

	@Test
	void shouldKeepTheFleetsFailuresWhenAPublishWritesNothing() {
		RefreshClaim.Granted claim = granted(this.store);
		this.store.reportFailure(claim, serverError(), 3, this.clock.instant().plusSeconds(40)).block();
		this.other.publish(new RefreshClaim.Granted(3, "a value read long ago"), tokenFor(2, Duration.ofHours(1)),
				this.clock.instant(), this.clock.instant()).block();
		assertThat(this.store.read().block()).as("nothing written").isEqualTo(StoredToken.ABSENT);
		assertThat(this.redis.<String, String>opsForHash().get(NAMESPACE + ":schedule", "failures").block())
			.isEqualTo("3");
	}

	@Test
	void shouldIgnoreAFailureReportedByAnInstanceThatDoesNotHoldTheLease() {
		RefreshClaim.Granted claim = granted(this.store);
		Instant floor = this.clock.instant().plusSeconds(10);
		this.other.reportFailure(new RefreshClaim.Granted(0, ""), serverError(), 5, floor.plusSeconds(3600)).block();
		assertThat(this.redis.<String, String>opsForHash().entries(NAMESPACE + ":schedule").collectMap(
				java.util.Map.Entry::getKey, java.util.Map.Entry::getValue).block())
			.containsExactly(java.util.Map.entry("not_before", String.valueOf(floor.toEpochMilli())));
		this.store.reportFailure(claim, serverError(), 1, floor).block();
		assertThat(this.redis.<String, String>opsForHash().get(NAMESPACE + ":schedule", "failures").block())
			.as("the owner's report").isEqualTo("1");
		assertThat(this.redis.hasKey(NAMESPACE + ":lease").block()).as("released by its owner").isFalse();
	}

	@Test
	void shouldNotOpenAValueWhoseFingerprintWasReplaced() {
		TokenCipher cipher = new TokenCipher(TestApp.CLIENT_SECRET, NAMESPACE);
		String sealed = cipher.seal(tokenFor(1, Duration.ofHours(1)), this.clock.instant(), "k");
		String otherHeader = cipher.fingerprintPrefix(token(2));
		String forged = otherHeader + sealed.substring(otherHeader.length());
		assertThat(forged).isNotEqualTo(sealed);
		assertThat(cipher.open(sealed, "k")).isNotNull();
		assertThat(cipher.open(forged, "k")).as("a value given token 2's fingerprint").isNull();
	}

	private static EasemobTokenRequestException serverError() {
		return new EasemobTokenRequestException("server_error (HTTP 503): busy", TokenFailureReason.SERVER_ERROR, 503,
				null, null, null, null);
	}

	@Test
	void shouldNotShowTheTokenInToString() {
		publish(this.store, tokenFor(1, Duration.ofHours(1)));
		assertThat(this.store).hasToString("RedisTokenStore[" + NAMESPACE + "]");
		assertThat(this.store.read().block().toString()).doesNotContain(token(1));
	}

	private static byte[] hex(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

}
