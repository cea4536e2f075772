package io.github.easemobtoken.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.test.EasemobStub;
import io.github.easemobtoken.test.RedisServer;
import io.github.easemobtoken.test.TestProviders;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TokenLifecycleListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static io.github.easemobtoken.test.EasemobStub.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisTokenStore} on a real {@code redis-server}, alone and shared by two
 * providers standing for two instances of an application.
 */
class RedisTokenStoreTests {

	@RegisterExtension
	static final RedisServer redisServer = new RedisServer();

	@RegisterExtension
	static final WireMockExtension easemob = EasemobStub.wireMock();

	private final VirtualClock clock = new VirtualClock();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	private ReactiveStringRedisTemplate redis;

	private RedisTokenStore store;

	@BeforeEach
	void connect() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory("127.0.0.1", redisServer.port());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.closeables.add(connectionFactory::destroy);
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.redis.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
		this.store = new RedisTokenStore(this.redis, EasemobStub.ORG + "#" + EasemobStub.APP, this.clock);
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	private String stored() {
		return this.redis.opsForValue().get("easemob:token:easemob-demo#testapp").block();
	}

	private Duration timeToLive() {
		return this.redis.getExpire("easemob:token:easemob-demo#testapp").block();
	}

	@Test
	void shouldKeepATokenAsJsonUnderTheAppsKeyExpiringWithIt() {
		EasemobToken token = new EasemobToken(token(1), this.clock.instant().plusSeconds(3600), EasemobStub.APPLICATION);
		this.store.put(token).block();
		assertThat(this.store.key()).isEqualTo("easemob:token:easemob-demo#testapp");
		assertThat(stored()).isEqualTo("{\"access_token\":\"" + token(1) + "\",\"expires_at\":"
				+ token.expiresAt().orElseThrow().toEpochMilli() + ",\"application\":\"" + EasemobStub.APPLICATION + "\"}");
		assertThat(timeToLive()).isBetween(Duration.ofSeconds(3598), Duration.ofSeconds(3600));
		assertThat(this.store.get().block()).isEqualTo(token);
	}

	@Test
	void shouldKeepAPermanentTokenWithoutExpiry() {
		EasemobToken token = new EasemobToken(token(1), null, null);
		this.store.put(token).block();
		assertThat(this.redis.execute((connection) -> connection.keyCommands()
			.ttl(ByteBuffer.wrap(this.store.key().getBytes(StandardCharsets.UTF_8))))
			.blockFirst()).as("TTL: -1 is a key without expiry").isEqualTo(-1);
		assertThat(this.store.get().block()).isEqualTo(token).matches(EasemobToken::isPermanent);
	}

	@Test
	void shouldNotKeepATokenThatHasAlreadyExpired() {
		this.store.put(new EasemobToken(token(1), this.clock.instant().minusSeconds(1), null)).block();
		assertThat(stored()).isNull();
		assertThat(this.store.get().blockOptional()).isEmpty();
	}

	@Test
	void shouldRemoveARejectedTokenOnlyWhileItIsTheOneHeld() {
		EasemobToken first = new EasemobToken(token(1), this.clock.instant().plusSeconds(3600), null);
		EasemobToken second = new EasemobToken(token(2), this.clock.instant().plusSeconds(3600), null);
		this.store.put(second).block();
		this.store.remove(first).block();
		assertThat(this.store.get().block()).as("another instance's newer token stays").isEqualTo(second);
		this.store.remove(second).block();
		assertThat(this.store.get().blockOptional()).isEmpty();
	}

	@Test
	void shouldReportAValueThatIsNotATokenWithoutQuotingIt() {
		this.redis.opsForValue().set("easemob:token:easemob-demo#testapp", "secret-ish garbage").block();
		assertThatIllegalStateException().isThrownBy(() -> this.store.get().block())
			.withMessage("Redis key easemob:token:easemob-demo#testapp does not hold an Easemob token (not JSON)")
			.withNoCause();
		this.redis.opsForValue().set("easemob:token:easemob-demo#testapp", "{\"expires_at\":1}").block();
		assertThatIllegalStateException().isThrownBy(() -> this.store.get().block())
			.withMessage("Redis key easemob:token:easemob-demo#testapp does not hold an Easemob token");
	}

	@Test
	void shouldNotShowTheTokenInToString() {
		this.store.put(new EasemobToken(token(1), null, null)).block();
		assertThat(this.store).hasToString("RedisTokenStore[easemob:token:easemob-demo#testapp]");
	}

	@Test
	void shouldLetASecondInstanceUseTheTokenTheFirstObtained() {
		EasemobStub.issueTokens(easemob, 7200);
		CachingEasemobTokenProvider first = provider();
		CachingEasemobTokenProvider second = provider();
		assertThat(first.getToken().block().accessToken()).isEqualTo(token(1));
		awaitStored(token(1));
		assertThat(second.getToken().block().accessToken()).isEqualTo(token(1));
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldNotHandARejectedTokenToTheOtherInstance() {
		EasemobStub.issueTokens(easemob, 7200);
		CachingEasemobTokenProvider first = provider();
		CachingEasemobTokenProvider second = provider();
		EasemobToken rejected = first.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		first.invalidate(rejected);
		await().atMost(Duration.ofSeconds(10)).until(() -> stored() == null);
		assertThat(second.getToken().block().accessToken()).isEqualTo(token(2));
		awaitStored(token(2));
		assertThat(first.getToken().block().accessToken()).as("from the store, not a third request").isEqualTo(token(2));
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldTakeTheFresherTokenAnotherInstancePutInsteadOfRefreshing() {
		EasemobStub.issueTokens(easemob, 7200);
		CachingEasemobTokenProvider first = provider();
		first.getToken().block();
		Instant later = this.clock.instant().plus(Duration.ofHours(3));
		this.store.put(new EasemobToken(token(50), later, null)).block();
		this.clock.advance(Duration.ofMinutes(116));
		// The refresh reads Redis in the background; callers keep the valid token meanwhile.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> first.getToken().block().accessToken().equals(token(50)));
		assertThat(first.status().requestInFlight()).isFalse();
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
	}

	/** The provider puts a new token in the store without holding its callers up. */
	private void awaitStored(String accessToken) {
		await().atMost(Duration.ofSeconds(10)).until(() -> stored() != null && stored().contains(accessToken));
	}

	private CachingEasemobTokenProvider provider() {
		CachingEasemobTokenProvider provider = TestProviders.provider(easemob, this.clock, TokenLifecycleListener.NONE,
				this.store);
		this.closeables.add(provider);
		return provider;
	}

}
