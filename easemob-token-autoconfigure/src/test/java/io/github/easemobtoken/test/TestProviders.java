package io.github.easemobtoken.test;

import java.time.Duration;

import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * A real provider against the fake Easemob, on a virtual clock, with the default
 * policy (refresh 5 min ahead, 10 s floor, 5 min max backoff) and no jitter.
 */
public final class TestProviders {

	private TestProviders() {
	}

	public static CachingEasemobTokenProvider provider(FakeEasemobExtension easemob, VirtualClock clock,
			TokenLifecycleListener listener) {
		return provider(easemob, clock, listener, new InMemoryTokenStore());
	}

	public static CachingEasemobTokenProvider provider(FakeEasemobExtension easemob, VirtualClock clock,
			TokenLifecycleListener listener, TokenStore store) {
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(), TestApp.app(easemob),
				TestApp.credentials(), null, TtlUnit.SECONDS, Duration.ofSeconds(5), clock);
		TokenPolicy policy = new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5),
				() -> 0.5);
		return CachingEasemobTokenProvider.builder(endpoint)
			.store(store)
			.policy(policy)
			.listener(listener)
			.clock(clock)
			.scheduler(clock.scheduler())
			.build();
	}

}
