package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * K providers standing for K instances of one application, each with its own Redis
 * connection, sharing one token through Redis ({@code redis}) or each on its own
 * ({@code memory}, no coordination). Tokens live 3 s, refresh 1 s ahead, a 500 ms floor.
 */
final class Fleet implements AutoCloseable {

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

	static final Duration STORE_TIMEOUT = Duration.ofMillis(500);

	private final List<CachingEasemobTokenProvider> providers = new ArrayList<>();

	private final List<LocalRedis.Client> clients = new ArrayList<>();

	Fleet(int instances, boolean shared, String host, LocalRedis redis) {
		EasemobCredentials credentials = new EasemobCredentials("client-id", "client-secret");
		TokenPolicy policy = new TokenPolicy(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(10));
		for (int i = 0; i < instances; i++) {
			TokenStore store = new InMemoryTokenStore();
			if (shared) {
				LocalRedis.Client client = redis.client();
				this.clients.add(client);
				store = new RedisTokenStore(client.template(), Fixtures.app(host), credentials,
						RESPONSE_TIMEOUT.plus(STORE_TIMEOUT.multipliedBy(2)));
			}
			EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(), Fixtures.app(host),
					credentials, null, TtlUnit.SECONDS, RESPONSE_TIMEOUT, InstantSource.system());
			this.providers.add(CachingEasemobTokenProvider.builder(endpoint)
				.store(store)
				.policy(shared ? policy.withRefreshSpread(0.5) : policy)
				.storeTimeout(STORE_TIMEOUT)
				.build());
		}
	}

	List<CachingEasemobTokenProvider> providers() {
		return this.providers;
	}

	@Override
	public void close() {
		this.providers.forEach(CachingEasemobTokenProvider::close);
		this.clients.forEach(LocalRedis.Client::close);
	}

}
